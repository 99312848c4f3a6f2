package ml.pipeline.core.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Successive halving: every trial trains a small budget of epochs; at each rung the best
 * 1/{@code factor} (rounded up, at least one) go on with {@code factor} times the budget, until the
 * survivors have trained their full epochs. Ranks are by the search metric at the rung; a trial
 * that measured nothing ranks last, and ties go to the lower trial number, so the same results
 * always give the same survivors.
 */
public final class SuccessiveHalving {
    private final int minEpochs;
    private final int factor;
    private final boolean higherIsBetter;

    public SuccessiveHalving(int minEpochs, int factor, boolean higherIsBetter) {
        if (minEpochs < 1 || factor < 2) {
            throw new IllegalArgumentException("successive halving needs minEpochs >= 1 and reductionFactor >= 2, got "
                    + minEpochs + " and " + factor);
        }
        this.minEpochs = minEpochs;
        this.factor = factor;
        this.higherIsBetter = higherIsBetter;
    }

    /** The epoch budgets of the rungs: minEpochs, times factor each rung, the last one {@code maxEpochs}. */
    public List<Integer> rungs(int maxEpochs) {
        List<Integer> rungs = new ArrayList<>();
        long budget = minEpochs;
        while (budget < maxEpochs) {
            rungs.add((int) budget);
            budget *= factor;
        }
        rungs.add(maxEpochs);
        return rungs;
    }

    /** A trial's standing at a rung: its metric there (null or NaN when not measured). */
    public record Standing(int trial, Double value) {
        boolean measured() {
            return value != null && !value.isNaN();
        }
    }

    /** The trials that go on from a rung, best first. */
    public List<Integer> survivors(List<Standing> standings) {
        int keep = Math.max(1, (standings.size() + factor - 1) / factor);
        return ranked(standings).stream().limit(keep).map(Standing::trial).toList();
    }

    /** Best first, as above. */
    public List<Standing> ranked(List<Standing> standings) {
        Comparator<Standing> byValue = Comparator.comparingDouble(Standing::value);
        Comparator<Standing> order = Comparator.comparing((Standing s) -> !s.measured())
                .thenComparing((a, b) -> !a.measured() ? 0 : (higherIsBetter ? byValue.reversed() : byValue).compare(a, b))
                .thenComparingInt(Standing::trial);
        return standings.stream().sorted(order).toList();
    }
}

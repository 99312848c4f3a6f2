package ml.pipeline.core.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * A column's numbers in a DataSketches KLL quantiles sketch (a few kilobytes whatever the row
 * count, rank error about 1.3 %; its compactions are randomised, so two passes over the same values
 * can differ within that error). The profile keeps its quantile function on a grid of
 * {@link #GRID_POINTS} ranks: bounded, and enough to compare distributions later.
 */
public final class NumericSketch {
    static final int K = 200;
    public static final int GRID_POINTS = 101;
    private final KllDoublesSketch kll = KllDoublesSketch.newHeapInstance(K);

    public void add(double value) {
        kll.update(value);
    }

    /** p1, p5, p25, p50, p75, p95, p99 (empty for no values). */
    public Map<String, Double> quantiles() {
        Map<String, Double> quantiles = new LinkedHashMap<>();
        if (!kll.isEmpty()) {
            for (int percent : new int[] {1, 5, 25, 50, 75, 95, 99}) {
                quantiles.put("p" + percent, kll.getQuantile(percent / 100.0));
            }
        }
        return quantiles;
    }

    /** The values at ranks 0, 0.01, ..., 1 (empty for no values). */
    public List<Double> grid() {
        List<Double> grid = new ArrayList<>(GRID_POINTS);
        if (kll.isEmpty()) {
            return grid;
        }
        for (int i = 0; i < GRID_POINTS; i++) {
            grid.add(kll.getQuantile(i / (double) (GRID_POINTS - 1)));
        }
        return grid;
    }
}

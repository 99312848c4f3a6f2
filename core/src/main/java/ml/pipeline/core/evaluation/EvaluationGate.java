package ml.pipeline.core.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ml.pipeline.core.spec.GateSpec;

/**
 * Applies a pipeline's gate to a candidate: absolute thresholds, improvement over the model in
 * production (when there is one), and the largest drop allowed on any slice. Every check is
 * reported, passed or not; the candidate passes only when all do. A "no" is a result, not an error.
 */
public final class EvaluationGate {
    private final GateSpec gate;

    public EvaluationGate(GateSpec gate) {
        this.gate = gate;
    }

    public List<GateCheckResult> check(Map<String, Double> candidate, Optional<Map<String, Double>> production,
            List<SliceResult> slices) {
        List<GateCheckResult> checks = new ArrayList<>();
        gate.minimums().forEach((metric, minimum) -> checks.add(atLeast(metric, candidate.get(metric), minimum)));
        gate.maximums().forEach((metric, maximum) -> checks.add(atMost(metric, candidate.get(metric), maximum)));
        String metric = gate.compareMetric();
        Metric compared = Metric.named(metric);
        Double mine = candidate.get(metric);
        if (production.isEmpty()) {
            checks.add(new GateCheckResult(metric + " improves on production by " + gate.minImprovement(), true, mine, null,
                    "no model is in production yet: nothing to beat"));
        } else {
            Double theirs = production.get().get(metric);
            double required = theirs + compared.direction() * gate.minImprovement();
            boolean passed = mine != null && compared.reaches(mine, required);
            checks.add(new GateCheckResult(metric + " improves on production by " + gate.minImprovement(), passed, mine,
                    required, String.format("candidate %.4f, production %.4f, needed %s %.4f", mine, theirs,
                            compared.higherIsBetter() ? ">=" : "<=", required)));
        }
        for (SliceResult slice : slices) {
            Double sliceValue = slice.metrics().get(metric);
            if (sliceValue == null || mine == null) {
                continue;
            }
            double drop = compared.direction() * (mine - sliceValue);
            boolean passed = drop <= gate.maxSliceDrop();
            checks.add(new GateCheckResult(metric + " on " + slice.slice() + " within " + gate.maxSliceDrop() + " of overall",
                    passed, sliceValue, mine - compared.direction() * gate.maxSliceDrop(),
                    String.format("%.4f on %d rows against %.4f overall (%s %.4f)", sliceValue, slice.rows(), mine,
                            drop > 0 ? "worse by" : "better by", Math.abs(drop))));
        }
        return checks;
    }

    public static boolean allPassed(List<GateCheckResult> checks) {
        return checks.stream().allMatch(GateCheckResult::passed);
    }

    private static GateCheckResult atLeast(String metric, Double value, double minimum) {
        boolean passed = value != null && value >= minimum;
        return new GateCheckResult(metric + " >= " + minimum, passed, value, minimum,
                value == null ? metric + " was not measured" : String.format("%s is %.4f", metric, value));
    }

    private static GateCheckResult atMost(String metric, Double value, double maximum) {
        boolean passed = value != null && value <= maximum;
        return new GateCheckResult(metric + " <= " + maximum, passed, value, maximum,
                value == null ? metric + " was not measured" : String.format("%s is %.4f", metric, value));
    }
}

package ml.pipeline.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import ml.pipeline.core.spec.GateSpec;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    @Test
    void metricsOfAKnownCase() {
        float[] p = {0.9f, 0.8f, 0.3f, 0.6f, 0.2f, 0.1f};
        float[] y = {1, 1, 1, 0, 0, 0};
        Map<String, Double> m = BinaryMetrics.of(p, y);
        // Positives 0.9, 0.8, 0.3 against negatives 0.6, 0.2, 0.1: 8 of 9 pairs ordered right.
        assertEquals(8.0 / 9, m.get("roc_auc"), 1e-12);
        assertEquals(4.0 / 6, m.get("accuracy"), 1e-12);
        assertEquals(2.0 / 3, m.get("precision"), 1e-12);
        assertEquals(2.0 / 3, m.get("recall"), 1e-12);
        assertEquals(2.0 / 3, m.get("f1"), 1e-12);
        double logLoss = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.3) + Math.log(0.4) + Math.log(0.8) + Math.log(0.9)) / 6;
        assertEquals(logLoss, m.get("log_loss"), 1e-6);
    }

    @Test
    void tiedScoresCountHalfAndOneClassGivesAHalf() {
        assertEquals(0.5, BinaryMetrics.rocAuc(new float[] {0.5f, 0.5f}, new float[] {1, 0}), 1e-12);
        assertEquals(0.5, BinaryMetrics.rocAuc(new float[] {0.1f, 0.9f}, new float[] {1, 1}), 1e-12);
    }

    @Test
    void theGateReportsEveryCheckAndPassesOnlyWhenAllPass() {
        GateSpec gate = new GateSpec(Map.of("roc_auc", 0.8), Map.of("log_loss", 0.5), "roc_auc", 0.01, List.of("plan"), 0.1, null);
        EvaluationGate evaluation = new EvaluationGate(gate);
        Map<String, Double> candidate = Map.of("roc_auc", 0.85, "log_loss", 0.4);

        List<GateCheckResult> first = evaluation.check(candidate, Optional.empty(),
                List.of(new SliceResult("plan=basic", 40, Map.of("roc_auc", 0.80))));
        assertTrue(EvaluationGate.allPassed(first), first.toString());
        assertEquals(4, first.size());

        List<GateCheckResult> worse = evaluation.check(candidate, Optional.of(Map.of("roc_auc", 0.9)),
                List.of(new SliceResult("plan=pro", 10, Map.of("roc_auc", 0.6))));
        assertFalse(EvaluationGate.allPassed(worse));
        GateCheckResult improvement = worse.stream().filter(c -> c.name().contains("production")).findFirst().orElseThrow();
        assertFalse(improvement.passed());
        assertEquals(0.91, improvement.threshold(), 1e-12);
        assertTrue(improvement.reason().contains("production 0.9000"), improvement.reason());
        GateCheckResult slice = worse.stream().filter(c -> c.name().contains("plan=pro")).findFirst().orElseThrow();
        assertFalse(slice.passed(), slice.reason());
    }

    @Test
    void forLogLossLowerIsBetter() {
        GateSpec gate = new GateSpec(Map.of(), Map.of(), "log_loss", 0.05, List.of(), 0.1, null);
        List<GateCheckResult> checks = new EvaluationGate(gate).check(Map.of("log_loss", 0.30), Optional.of(Map.of("log_loss", 0.40)), List.of());
        assertTrue(EvaluationGate.allPassed(checks), checks.toString());
        assertEquals(0.35, checks.get(0).threshold(), 1e-12);
    }
}

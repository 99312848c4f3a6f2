package ml.pipeline.evaluator.domain;

import java.util.List;
import java.util.Map;
import ml.pipeline.core.evaluation.Curves;
import ml.pipeline.core.evaluation.GateCheckResult;
import ml.pipeline.core.evaluation.SliceResult;

/**
 * What {@code evaluation/report.json} holds: the whole verdict on a candidate (both models'
 * holdout metrics, the slices, every gate check), what it was compared with and which evaluation
 * it was; the curves of both models on the holdout (production's null without one) and the
 * report's {@link ReportContext}. A redelivered final checkpoint gets this verdict again instead of
 * a new one. Reports written before a field existed read back with it null.
 */
public record EvaluationReport(String model, String trainingRunId, String checkpoint, String artifact, Baseline baseline,
        int attempt, Map<String, Double> candidateMetrics, Map<String, Double> productionMetrics, List<SliceResult> slices,
        List<GateCheckResult> checks, boolean passed, Curves candidateCurves, Curves productionCurves,
        ReportContext context) {

    /** The production version the candidate was compared with. */
    public record Baseline(String model, String trainingRunId, Integer version, String artifact) {
    }
}

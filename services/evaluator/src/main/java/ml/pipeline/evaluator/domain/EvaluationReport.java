package ml.pipeline.evaluator.domain;

import java.util.List;
import java.util.Map;
import ml.pipeline.core.evaluation.GateCheckResult;
import ml.pipeline.core.evaluation.SliceResult;

/** What {@code evaluation/report.json} holds: both models' holdout metrics, the slices and every gate check. */
public record EvaluationReport(String model, String trainingRunId, String checkpoint, Map<String, Double> candidateMetrics,
        Map<String, Double> productionMetrics, List<SliceResult> slices, List<GateCheckResult> checks, boolean passed) {
}

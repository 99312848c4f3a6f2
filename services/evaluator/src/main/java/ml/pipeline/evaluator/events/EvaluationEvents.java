package ml.pipeline.evaluator.events;

import ml.pipeline.core.evaluation.GateCheckResult;
import ml.pipeline.evaluator.service.EvaluationStage;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.GateCheck;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.ModelRef;
import ml.pipeline.events.SliceMetrics;

/** The gate's verdict as ModelEvaluated: both models' metrics, the slices and every check with why. */
public final class EvaluationEvents {
    /** For a baseline whose ModelPromoted predates its {@code model} field: its training run was not named. */
    static final String UNKNOWN_TRAINING_RUN = "unknown";

    private EvaluationEvents() {
    }

    public static ModelEvaluated evaluated(EventMeta meta, CheckpointWritten cause, EvaluationStage.Result result) {
        return ModelEvaluated.newBuilder()
                .setMeta(meta)
                .setDataset(cause.getDataset())
                .setSpec(cause.getSpec())
                .setFeatures(cause.getFeatures())
                .setCandidate(ModelRef.newBuilder().setName(cause.getModelName()).setTrainingRunId(cause.getTrainingRunId())
                        .setVersion(null).setUri(result.artifact().toString()).build())
                .setBaseline(result.production().map(EvaluationEvents::baseline).orElse(null))
                .setCandidateMetrics(result.candidate())
                .setBaselineMetrics(result.productionMetrics().orElse(null))
                .setSliceMetrics(result.slices().stream().map(s -> SliceMetrics.newBuilder().setSlice(s.slice())
                        .setRows(s.rows()).setMetrics(s.metrics()).build()).toList())
                .setChecks(result.checks().stream().map(EvaluationEvents::check).toList())
                .setReportUri(result.report().toString())
                .setPassed(result.passed())
                .build();
    }

    static ModelRef baseline(ModelPromoted production) {
        if (production.getModel() != null) {
            return production.getModel();
        }
        return ModelRef.newBuilder().setName(production.getModelName()).setTrainingRunId(UNKNOWN_TRAINING_RUN)
                .setVersion(production.getVersion()).setUri(production.getArtifactUri()).build();
    }

    private static GateCheck check(GateCheckResult result) {
        return GateCheck.newBuilder().setName(result.name()).setPassed(result.passed()).setObserved(result.observed())
                .setThreshold(result.threshold()).setReason(result.reason()).build();
    }
}

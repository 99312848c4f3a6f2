package ml.pipeline.evaluator.events;

import ml.pipeline.core.evaluation.GateCheckResult;
import ml.pipeline.evaluator.domain.Candidate;
import ml.pipeline.evaluator.service.EvaluationStage;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.GateCheck;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelRef;
import ml.pipeline.events.SliceMetrics;

/** The gate's verdict as ModelEvaluated: both models' metrics, the slices and every check with why. */
public final class EvaluationEvents {
    private EvaluationEvents() {
    }

    public static ModelEvaluated evaluated(EventMeta meta, Candidate candidate, EvaluationStage.Result result) {
        return ModelEvaluated.newBuilder()
                .setMeta(meta)
                .setDataset(candidate.dataset())
                .setSpec(candidate.spec())
                .setFeatures(candidate.features())
                .setCandidate(ModelRef.newBuilder().setName(candidate.model()).setTrainingRunId(candidate.trainingRunId())
                        .setVersion(null).setUri(result.artifact().toString()).build())
                .setBaseline(result.baseline().orElse(null))
                .setCandidateMetrics(result.candidate())
                .setBaselineMetrics(result.productionMetrics().orElse(null))
                .setSliceMetrics(result.slices().stream().map(s -> SliceMetrics.newBuilder().setSlice(s.slice())
                        .setRows(s.rows()).setMetrics(s.metrics()).build()).toList())
                .setChecks(result.checks().stream().map(EvaluationEvents::check).toList())
                .setReportUri(result.report().toString())
                .setPassed(result.passed())
                .setAttempt(candidate.attempt())
                .build();
    }

    private static GateCheck check(GateCheckResult result) {
        return GateCheck.newBuilder().setName(result.name()).setPassed(result.passed()).setObserved(result.observed())
                .setThreshold(result.threshold()).setReason(result.reason()).build();
    }
}

package ml.pipeline.registry.domain;

import java.util.stream.Collectors;
import ml.pipeline.core.run.PipelineStage;
import ml.pipeline.core.run.RunStatus;
import ml.pipeline.core.validation.QualitySummary;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.DatasetRejected;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.EvaluationRequested;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.RunCancelled;
import ml.pipeline.events.StageFailed;
import ml.pipeline.events.Topic;

/** Each event type as a timeline entry: its summary line and the run status it implies. */
public final class TimelineEntries {
    private static final int SHORT_HASH = 12;
    /** The "topic" of a timeline entry that is a decision of the registry, not an event. */
    public static final String REGISTRY_DECISION = "registry";

    private TimelineEntries() {
    }

    public static TimelineEntry of(DatasetPublished e) {
        return new TimelineEntry(Topic.Names.DATASETS_PUBLISHED, e.getMeta(),
                "published " + e.getDataset().getName() + "@" + shortHash(e.getDataset().getVersion()) + " ("
                        + e.getRows() + " rows, " + e.getSource() + ")",
                new RunUpdate(RunStatus.RUNNING, PipelineStage.INGEST.stageName(), e.getDataset().getName(),
                        e.getDataset().getVersion(), e.getSpec().getHash()));
    }

    public static TimelineEntry of(DatasetValidated e) {
        return new TimelineEntry(Topic.Names.DATASETS_VALIDATED, e.getMeta(), "validated: "
                + e.getQuality().get(QualitySummary.ROWS).longValue() + " rows, " + e.getWarnings().size() + " warning(s)",
                RunUpdate.of(RunStatus.RUNNING, PipelineStage.VALIDATE));
    }

    public static TimelineEntry of(DatasetRejected e) {
        return new TimelineEntry(Topic.Names.DATASETS_REJECTED, e.getMeta(), "rejected: " + e.getReasons().stream()
                .map(r -> r.getCode() + (r.getColumn() == null ? "" : "(" + r.getColumn() + ")"))
                .collect(Collectors.joining(", ")),
                RunUpdate.of(RunStatus.REJECTED, PipelineStage.VALIDATE));
    }

    public static TimelineEntry of(FeaturesReady e) {
        return new TimelineEntry(Topic.Names.FEATURES_READY, e.getMeta(), "features "
                + shortHash(e.getFeatures().getTransformVersion()) + ": " + e.getFeatureNames().size() + " features",
                RunUpdate.of(RunStatus.RUNNING, PipelineStage.FEATURES));
    }

    public static TimelineEntry of(CheckpointWritten e) {
        String ending = !e.getFinalCheckpoint() ? "" : " (" + (e.getStopReason() == null ? "done" : e.getStopReason())
                + (e.getBest() == null ? "" : "; ships the best, step " + e.getBest().getStep() + (e.getBest().getValue() == null
                        ? "" : String.format(" with %s %.4f", e.getBest().getMetric(), e.getBest().getValue()))) + ")";
        return new TimelineEntry(Topic.Names.CHECKPOINTS_WRITTEN, e.getMeta(), (e.getFinalCheckpoint() ? "final checkpoint"
                : "checkpoint") + " step " + e.getStep() + " of " + e.getTrainingRunId() + " on " + e.getDevice() + " "
                + e.getMetrics() + ending, RunUpdate.of(e.getFinalCheckpoint() && e.getMeta().getReproduces() != null
                        ? RunStatus.REPRODUCED : RunStatus.RUNNING, PipelineStage.TRAINER));
    }

    public static TimelineEntry of(ModelEvaluated e) {
        String against = e.getBaseline() == null ? "no model in production" : "version " + e.getBaseline().getVersion();
        String failed = e.getChecks().stream().filter(c -> !c.getPassed())
                .map(c -> c.getName() + " (" + c.getReason() + ")").collect(Collectors.joining("; "));
        return new TimelineEntry(Topic.Names.MODELS_EVALUATED, e.getMeta(), (e.getPassed() ? "passed" : "refused")
                + " the gate against " + against + (e.getAttempt() > 1 ? " (evaluation " + e.getAttempt() + ")" : "")
                + (failed.isEmpty() ? "" : ": " + failed),
                RunUpdate.of(e.getPassed() ? RunStatus.EVALUATED : RunStatus.REFUSED, PipelineStage.EVALUATOR));
    }

    public static TimelineEntry of(EvaluationRequested e) {
        return new TimelineEntry(Topic.Names.EVALUATIONS_REQUESTED, e.getMeta(), "evaluation " + e.getAttempt()
                + " asked for: " + e.getReason(), RunUpdate.of(RunStatus.EVALUATED, PipelineStage.REGISTRY));
    }

    public static TimelineEntry of(RunCancelled e) {
        return new TimelineEntry(Topic.Names.RUNS_CANCELLED, e.getMeta(), "cancelled by " + e.getCancelledBy() + ": "
                + e.getReason(), RunUpdate.of(RunStatus.CANCELLED, PipelineStage.REGISTRY));
    }

    /** A retry by hand: the failed run runs again from the stage that gave up. */
    public static TimelineEntry retried(EventMeta meta, String by, String stage, String topic, int partition, long offset) {
        return new TimelineEntry(REGISTRY_DECISION, meta, "retried by " + by + ": the event of " + topic + " (partition "
                + partition + ", offset " + offset + ") sent again to " + stage,
                new RunUpdate(RunStatus.RUNNING, stage, null, null, null));
    }

    /** A refusal the registry itself decided (production kept moving under the candidate); no event carries it. */
    public static TimelineEntry refusedByRegistry(EventMeta meta, String reason) {
        return new TimelineEntry(REGISTRY_DECISION, meta, "refused: " + reason,
                RunUpdate.of(RunStatus.REFUSED, PipelineStage.REGISTRY));
    }

    public static TimelineEntry of(ModelPromoted e) {
        return new TimelineEntry(Topic.Names.MODELS_PROMOTED, e.getMeta(), e.getModelName() + " v" + e.getVersion() + " -> "
                + e.getStage() + " (" + e.getReason() + ")", RunUpdate.of(RunStatus.PROMOTED, PipelineStage.REGISTRY));
    }

    public static TimelineEntry of(StageFailed e) {
        return new TimelineEntry(Topic.Names.PIPELINE_FAILURES, e.getMeta(), e.getStage() + " failed after "
                + e.getAttempts() + " attempt(s): " + e.getMessage(),
                new RunUpdate(RunStatus.FAILED, e.getStage(), null, null, null));
    }

    private static String shortHash(String hash) {
        return hash.substring(0, Math.min(SHORT_HASH, hash.length()));
    }
}

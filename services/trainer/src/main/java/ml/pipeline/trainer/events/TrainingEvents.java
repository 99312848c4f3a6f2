package ml.pipeline.trainer.events;

import ml.pipeline.events.BestCheckpoint;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.trainer.service.TrainingStage;

/**
 * A stored checkpoint as CheckpointWritten: where it is, the step and metrics so far, the best
 * checkpoint so far, and whether it is the last (and why).
 */
public final class TrainingEvents {
    /** Every run is one trial until hyperparameter search arrives. */
    static final int SINGLE_TRIAL = 0;

    private TrainingEvents() {
    }

    public static CheckpointWritten checkpointWritten(EventMeta meta, FeaturesReady cause, TrainingStage.Written written) {
        return CheckpointWritten.newBuilder()
                .setMeta(meta)
                .setDataset(cause.getDataset())
                .setSpec(cause.getSpec())
                .setFeatures(cause.getFeatures())
                .setModelName(written.model())
                .setTrainingRunId(written.trainingRunId())
                .setTrial(SINGLE_TRIAL)
                .setStep(written.step())
                .setEpoch(written.epoch())
                .setUri(written.folder().toString())
                .setMetrics(written.metrics())
                .setFinalCheckpoint(written.finalCheckpoint())
                .setDevice(written.device())
                .setBest(BestCheckpoint.newBuilder()
                        .setStep(written.bestStep())
                        .setUri(written.bestFolder().toString())
                        .setMetric(written.bestMetric())
                        .setValue(written.bestValue())
                        .build())
                .setStopReason(written.stopReason() == null ? null : written.stopReason().eventName())
                .build();
    }
}

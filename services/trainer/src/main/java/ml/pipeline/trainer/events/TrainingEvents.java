package ml.pipeline.trainer.events;

import java.util.Map;
import ml.pipeline.events.BestCheckpoint;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.events.TrainingRecord;
import ml.pipeline.trainer.service.TrainingStage;

/**
 * A stored checkpoint as CheckpointWritten: where it is, the step and metrics so far, the best
 * checkpoint so far, whether it is the last (and why), and what the experiment tracker records:
 * the trial and its hyperparameters, the environment and the code version.
 */
public final class TrainingEvents {
    private TrainingEvents() {
    }

    public static CheckpointWritten checkpointWritten(EventMeta meta, FeaturesReady cause, TrainingStage.Written written,
            Map<String, String> environment, String codeVersion) {
        return CheckpointWritten.newBuilder()
                .setMeta(meta)
                .setDataset(cause.getDataset())
                .setSpec(cause.getSpec())
                .setFeatures(cause.getFeatures())
                .setModelName(written.model())
                .setTrainingRunId(written.trainingRunId())
                .setTrial(written.search().trial())
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
                .setParametersSha256(written.parametersSha256())
                .setTracking(TrainingRecord.newBuilder()
                        .setExperiment(written.experiment())
                        .setHyperparameters(written.hyperparameters())
                        .setEnvironment(environment)
                        .setCodeVersion(codeVersion)
                        .setSearchId(written.search().searchId())
                        .setTrials(written.search().trials())
                        .build())
                .build();
    }
}

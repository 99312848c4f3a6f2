package ml.pipeline.trainer.service;

import ai.djl.Device;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import ml.pipeline.core.features.Split;
import ml.pipeline.core.features.SplitFiles;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.training.StopReason;
import ml.pipeline.core.training.TrainingRunId;
import ml.pipeline.events.FeatureSplit;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.modeling.Devices;
import ml.pipeline.services.spec.SpecSnapshots;
import ml.pipeline.services.stage.CancelledRuns;
import ml.pipeline.services.storage.ObjectStore;
import ml.pipeline.trainer.domain.ModelTraining;
import ml.pipeline.trainer.domain.TrainingState;
import ml.pipeline.trainer.storage.CheckpointStore;
import org.jboss.logging.Logger;

/**
 * One training run per (dataset bytes, transform, model spec) ({@link TrainingRunId}): a
 * redelivered FeaturesReady resumes the same run from its newest checkpoint, and a finished run
 * is not trained again: its final checkpoint is reported once more. A cancelled run's training
 * stops at its next step, its checkpoints kept. Holds the train and
 * validation splits in memory (float rows): datasets beyond memory need streaming, not done yet.
 */
@ApplicationScoped
public class TrainingStage {
    private static final Logger LOG = Logger.getLogger(TrainingStage.class);

    private final ObjectStore store;
    private final CheckpointStore checkpoints;
    private final SpecSnapshots specs;
    private final CancelledRuns cancelled;

    public TrainingStage(ObjectStore store, CheckpointStore checkpoints, SpecSnapshots specs, CancelledRuns cancelled) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.specs = specs;
        this.cancelled = cancelled;
    }

    /**
     * A stored checkpoint, as CheckpointWritten reports it: with the best checkpoint so far (on
     * the final one, what the run ships) and, on the final one, why training stopped.
     */
    public record Written(String model, String trainingRunId, S3Uri folder, long step, int epoch,
            Map<String, Double> metrics, boolean finalCheckpoint, String device, S3Uri bestFolder, long bestStep,
            String bestMetric, Double bestValue, StopReason stopReason) {

        static Written of(String model, String trainingRunId, CheckpointStore.Stored stored, String metric, String device) {
            TrainingState state = stored.checkpoint().state();
            long bestStep = state.progress().bestStep() > 0 ? state.progress().bestStep() : state.step();
            return new Written(model, trainingRunId, stored.folder(), state.step(), state.epoch(), state.metrics(),
                    stored.finalCheckpoint(), device, stored.bestFolder(), bestStep, metric, state.progress().bestValue(),
                    state.stopped());
        }
    }

    /** Trains (or resumes, or finds finished) the run these features and the spec's model make; each checkpoint is told. */
    public void train(FeaturesReady event, Consumer<Written> onCheckpoint) {
        PipelineSpec spec = specs.load(event.getSpec());
        String model = spec.modelName();
        String runId = TrainingRunId.of(event.getDataset().getVersion(), event.getFeatures().getTransformVersion(),
                spec.model());
        Optional<CheckpointStore.Stored> latest = checkpoints.latest(model, runId);
        Device device = Devices.best();
        String metric = spec.model().earlyStopping().metric();
        if (latest.isPresent() && latest.get().finalCheckpoint()) {
            onCheckpoint.accept(Written.of(model, runId, latest.get(), metric, device.toString()));
            return;
        }
        SplitFiles.Examples train = load(event, Split.TRAIN);
        SplitFiles.Examples validation = load(event, Split.VALIDATION);
        String run = event.getMeta().getRunId();
        try {
            TrainingState end = new ModelTraining(spec.model(), device).train(train, validation,
                    latest.map(CheckpointStore.Stored::checkpoint), (checkpoint, last) -> {
                        CheckpointStore.Stored stored = checkpoints.write(model, runId, checkpoint, last,
                                spec.model().keepCheckpoints());
                        onCheckpoint.accept(Written.of(model, runId, stored, metric, device.toString()));
                    }, () -> cancelled.isCancelled(run));
            if (end.finished()) {
                LOG.infof("training run %s %s at step %d; it ships step %d (%s %s)", runId, end.stopped().eventName(),
                        end.step(), end.progress().bestStep(), metric, end.progress().bestValue());
            } else if (cancelled.isCancelled(run)) {
                LOG.infof("run %s was cancelled: training run %s stopped at step %d, its checkpoints kept", run, runId,
                        end.step());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("training run " + runId + " failed: " + e.getMessage(), e);
        }
    }

    private SplitFiles.Examples load(FeaturesReady event, Split split) {
        FeatureSplit found = event.getSplits().stream().filter(s -> s.getName().equals(split.fileName())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("FeaturesReady has no '" + split.fileName() + "' split"));
        try (InputStream in = store.open(S3Uri.parse(found.getUri()));
             InputStreamReader text = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return SplitFiles.read(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + found.getUri() + ": " + e.getMessage(), e);
        }
    }
}

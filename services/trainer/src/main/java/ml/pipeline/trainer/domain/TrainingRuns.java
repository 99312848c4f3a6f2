package ml.pipeline.trainer.domain;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import ml.pipeline.core.ContentHash;
import ml.pipeline.core.features.SplitFiles;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.storage.ObjectStore;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.modeling.Devices;
import ml.pipeline.events.FeatureSplit;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.trainer.storage.CheckpointStore;

/**
 * One training run per (features, model spec): its id is a hash of both, so a redelivered
 * FeaturesReady resumes the same run from its newest checkpoint, and a finished run is not
 * trained again: its final checkpoint is reported once more.
 */
@ApplicationScoped
public class TrainingRuns {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RUN_ID_LENGTH = 20;

    private final ObjectStore store;
    private final CheckpointStore checkpoints;

    public TrainingRuns(ObjectStore store, CheckpointStore checkpoints) {
        this.store = store;
        this.checkpoints = checkpoints;
    }

    /** A stored checkpoint, as CheckpointWritten reports it. */
    public record Written(String trainingRunId, S3Uri folder, long step, int epoch,
            java.util.Map<String, Double> metrics, boolean finalCheckpoint, String device) {
    }

    public void train(FeaturesReady event, PipelineSpec spec, Consumer<Written> onCheckpoint) {
        String model = spec.modelName();
        String runId = trainingRunId(event, spec);
        Optional<CheckpointStore.Stored> latest = checkpoints.latest(model, runId);
        Device device = Devices.best();
        if (latest.isPresent() && latest.get().finalCheckpoint()) {
            var state = latest.get().checkpoint().state();
            onCheckpoint.accept(new Written(runId, latest.get().folder(), state.step(), state.epoch(), state.metrics(), true,
                    device.toString()));
            return;
        }
        SplitFiles.Examples train = load(event, "train");
        SplitFiles.Examples validation = load(event, "validation");
        try {
            new ModelTraining(spec.model(), device).train(train, validation,
                    latest.map(CheckpointStore.Stored::checkpoint), (checkpoint, last) -> {
                        S3Uri folder = checkpoints.write(model, runId, checkpoint, last, spec.model().keepCheckpoints());
                        var state = checkpoint.state();
                        onCheckpoint.accept(new Written(runId, folder, state.step(), state.epoch(), state.metrics(), last,
                                device.toString()));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("training run " + runId + " failed: " + e.getMessage(), e);
        }
    }

    /** A hash of the features trained on and the model spec: what makes two runs the same run. */
    static String trainingRunId(FeaturesReady event, PipelineSpec spec) {
        try {
            String identity = event.getFeatures().getUri() + "|" + JSON.writeValueAsString(spec.model());
            return ContentHash.sha256(identity.getBytes(StandardCharsets.UTF_8)).substring(0, RUN_ID_LENGTH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SplitFiles.Examples load(FeaturesReady event, String split) {
        FeatureSplit found = event.getSplits().stream().filter(s -> s.getName().equals(split)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("FeaturesReady has no '" + split + "' split"));
        try (InputStream in = store.open(S3Uri.parse(found.getUri()));
             InputStreamReader text = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return SplitFiles.read(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + found.getUri() + ": " + e.getMessage(), e);
        }
    }
}

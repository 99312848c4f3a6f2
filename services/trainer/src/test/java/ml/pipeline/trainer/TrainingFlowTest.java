package ml.pipeline.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import ml.pipeline.core.features.Split;
import ml.pipeline.core.features.SplitFiles;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.FeatureSplit;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.events.SpecRef;
import ml.pipeline.services.storage.ObjectStore;
import ml.pipeline.testing.EventExchange;
import ml.pipeline.testing.EventFixtures;
import ml.pipeline.testing.PipelineStackResource;
import ml.pipeline.testing.StoredInputs;
import org.junit.jupiter.api.Test;

/** Through the real stack: FeaturesReady in, DJL training, checkpoints in S3, CheckpointWritten out. */
@QuarkusTest
@WithTestResource(PipelineStackResource.class)
class TrainingFlowTest {
    @Inject
    ObjectStore store;

    @Test
    void featuresAreTrainedOnWithCheckpointsTheLastFinal() throws Exception {
        FeaturesReady ready = featuresReady();
        List<CheckpointWritten> written = sendAndCollectUntilFinal(ready);

        // 120 train rows / batch 20 = 6 steps per epoch, 4 epochs = 24 steps; every 5 steps + the last.
        assertEquals(List.of(5L, 10L, 15L, 20L, 24L), written.stream().map(CheckpointWritten::getStep).toList());
        CheckpointWritten last = written.getLast();
        assertTrue(last.getFinalCheckpoint());
        assertTrue(last.getDevice().startsWith("cpu") || last.getDevice().startsWith("gpu"), last.getDevice());
        assertTrue(last.getMetrics().get("val_accuracy") > 0.8, "learnt: " + last.getMetrics());
        assertTrue(store.exists(S3Uri.parse(last.getUri()).resolve(StorageLayout.COMPLETE)));
        long kept = store.list(StorageLayout.checkpoints(last.getModelName(), last.getTrainingRunId())).stream()
                .filter(uri -> uri.fileName().equals(StorageLayout.COMPLETE)).count();
        assertEquals(2, kept, "keepCheckpoints: 2");

        List<CheckpointWritten> again = sendAndCollectUntilFinal(ready);
        assertEquals(1, again.size(), "a finished run is not trained again");
        assertEquals(last.getUri(), again.getFirst().getUri());
        assertEquals(last.getTrainingRunId(), again.getFirst().getTrainingRunId());
    }

    private FeaturesReady featuresReady() throws Exception {
        String pipeline = EventFixtures.newPipeline("trainer-test");
        SpecRef spec = StoredInputs.spec(store::put, """
                pipeline: %s
                dataset:
                  label: y
                  columns: [{name: a, type: numeric}, {name: b, type: numeric}, {name: y, type: numeric}]
                model: {type: mlp, hiddenLayers: [8], epochs: 4, batchSize: 20, learningRate: 0.05,
                        checkpointEverySteps: 5, keepCheckpoints: 2}
                """.formatted(pipeline));
        S3Uri folder = StorageLayout.features(pipeline, "0".repeat(64), "1".repeat(64));
        List<FeatureSplit> splits = new ArrayList<>();
        for (Split split : Split.values()) {
            int rows = split == Split.TRAIN ? 120 : 40;
            S3Uri uri = folder.resolve(split.csvName());
            store.put(uri, separable(rows, split.fileName().hashCode()), "text/csv");
            splits.add(EventFixtures.split(split.fileName(), uri, rows));
        }
        return EventFixtures.featuresReady(EventFixtures.METAS.startRun(pipeline), EventFixtures.dataset(pipeline, "0".repeat(64)),
                spec, EventFixtures.features(folder, "1".repeat(64)), splits, List.of("a", "b"), "y");
    }

    private static byte[] separable(int rows, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        StringWriter text = new StringWriter();
        try (SplitFiles.SplitWriter writer = new SplitFiles.SplitWriter(text, List.of("a", "b"))) {
            for (int i = 0; i < rows; i++) {
                float a = (float) random.nextGaussian();
                float b = (float) random.nextGaussian();
                writer.write(new float[] {a, b}, a - b > 0 ? 1 : 0);
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<CheckpointWritten> sendAndCollectUntilFinal(FeaturesReady event) {
        return EventExchange.sendAndCollect(event, CheckpointWritten.class, CheckpointWritten::getFinalCheckpoint);
    }
}

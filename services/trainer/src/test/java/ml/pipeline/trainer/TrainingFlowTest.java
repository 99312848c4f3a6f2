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
        assertEquals("completed", last.getStopReason());
        assertEquals("val_loss", last.getBest().getMetric());
        double lowest = written.stream().mapToDouble(c -> c.getMetrics().get("val_loss")).min().orElseThrow();
        assertEquals(lowest, last.getBest().getValue(), "the best is the lowest val_loss");
        assertTrue(store.exists(S3Uri.parse(last.getBest().getUri()).resolve(StorageLayout.COMPLETE)), "the best is kept");
        long kept = store.list(StorageLayout.checkpoints(last.getModelName(), last.getTrainingRunId())).stream()
                .filter(uri -> uri.fileName().equals(StorageLayout.COMPLETE)).count();
        assertEquals(last.getBest().getStep() >= 20 ? 2 : 3, kept, "keepCheckpoints: 2, and the best");

        List<CheckpointWritten> again = sendAndCollectUntilFinal(ready);
        assertEquals(1, again.size(), "a finished run is not trained again");
        assertEquals(last.getUri(), again.getFirst().getUri());
        assertEquals(last.getTrainingRunId(), again.getFirst().getTrainingRunId());
        assertEquals(last.getBest(), again.getFirst().getBest());
        assertEquals(last.getStopReason(), again.getFirst().getStopReason());
    }

    @Test
    void aRunWhoseValidationLossTurnsUpwardStopsEarlyAndNamesItsBestCheckpoint() throws Exception {
        // 40 training rows with coin-flip labels: a wide MLP memorises them and validation loss climbs.
        FeaturesReady ready = featuresReady("""
                model: {type: mlp, hiddenLayers: [64, 64], epochs: 400, batchSize: 8, learningRate: 0.05,
                        checkpointEverySteps: 5, keepCheckpoints: 2, earlyStopping: {metric: val_loss, patience: 4}}
                """, 40, true);
        List<CheckpointWritten> written = sendAndCollectUntilFinal(ready);

        CheckpointWritten last = written.getLast();
        assertEquals("early_stopped", last.getStopReason());
        assertTrue(last.getStep() < 400 * 5, "stopped long before its 2000 steps, at " + last.getStep());
        assertEquals(last.getStep(), last.getBest().getStep() + 4 * 5, "four checkpoints without a better val_loss");
        CheckpointWritten best = written.stream().filter(c -> c.getStep() == last.getBest().getStep()).findFirst().orElseThrow();
        assertEquals(best.getUri(), last.getBest().getUri());
        assertEquals(best.getMetrics().get("val_loss"), last.getBest().getValue());
        assertTrue(store.exists(S3Uri.parse(best.getUri()).resolve(StorageLayout.COMPLETE)),
                "the best checkpoint outlives keepCheckpoints: 2");
    }

    @Test
    void aSearchTrainsEveryTrialHalvesTheWeakAndReportsOneWinner() throws Exception {
        FeaturesReady ready = featuresReady("""
                model: {type: mlp, hiddenLayers: [8], epochs: 4, batchSize: 20, learningRate: 0.05,
                        checkpointEverySteps: 5, keepCheckpoints: 2}
                search:
                  trials: 8
                  metric: val_roc_auc
                  space:
                    learningRate: {min: 0.0001, max: 0.3}
                    hiddenLayers: [[4], [8], [16, 8]]
                  scheduler: {type: successiveHalving, minEpochs: 1, reductionFactor: 2}
                """, 120, false);
        List<CheckpointWritten> written = sendAndCollectUntilFinal(ready);

        assertEquals(1, written.stream().filter(CheckpointWritten::getFinalCheckpoint).count(), "one final: the winner's");
        assertEquals(java.util.Set.of(1, 2, 3, 4, 5, 6, 7, 8),
                written.stream().map(CheckpointWritten::getTrial).collect(java.util.stream.Collectors.toSet()));
        // Rungs of 1, 2 and 4 epochs: 8 trials, 4 go on after the first, 2 after the second, 1 wins.
        java.util.Map<Integer, CheckpointWritten> halved = new java.util.TreeMap<>();
        written.stream().filter(c -> "halved".equals(c.getStopReason())).forEach(c -> halved.put(c.getTrial(), c));
        assertEquals(6, halved.size(), "halved: " + halved.keySet());
        assertEquals(4, halved.values().stream().filter(c -> c.getEpoch() == 1).count(), "four stopped after one epoch");
        assertEquals(2, halved.values().stream().filter(c -> c.getEpoch() == 2).count(), "two after two epochs");
        CheckpointWritten winner = written.getLast();
        assertTrue(winner.getFinalCheckpoint());
        assertTrue(!halved.containsKey(winner.getTrial()));
        assertEquals(4, winner.getEpoch());
        assertEquals(8, winner.getTracking().getTrials());
        String searchId = winner.getTracking().getSearchId();
        assertTrue(written.stream().allMatch(c -> searchId.equals(c.getTracking().getSearchId())));
        assertEquals(8, written.stream().map(CheckpointWritten::getTrainingRunId).distinct().count(), "a run per trial");
        assertTrue(winner.getTracking().getHyperparameters().containsKey("learningRate"));
        assertTrue(winner.getTracking().getEnvironment().get("engine").startsWith("PyTorch"), winner.getTracking().toString());

        List<CheckpointWritten> again = sendAndCollectUntilFinal(ready);
        assertEquals(winner.getTrainingRunId(), again.getLast().getTrainingRunId(), "a redelivered search picks the same winner");
        assertTrue(again.stream().noneMatch(c -> c.getStopReason() == null), "and trains nothing again");
    }

    private FeaturesReady featuresReady() throws Exception {
        return featuresReady("""
                model: {type: mlp, hiddenLayers: [8], epochs: 4, batchSize: 20, learningRate: 0.05,
                        checkpointEverySteps: 5, keepCheckpoints: 2}
                """, 120, false);
    }

    private FeaturesReady featuresReady(String model, int trainRows, boolean noisyTrain) throws Exception {
        String pipeline = EventFixtures.newPipeline("trainer-test");
        SpecRef spec = StoredInputs.spec(store::put, """
                pipeline: %s
                dataset:
                  label: y
                  columns: [{name: a, type: numeric}, {name: b, type: numeric}, {name: y, type: numeric}]
                %s""".formatted(pipeline, model));
        S3Uri folder = StorageLayout.features(pipeline, "0".repeat(64), "1".repeat(64));
        List<FeatureSplit> splits = new ArrayList<>();
        for (Split split : Split.values()) {
            int rows = split == Split.TRAIN ? trainRows : split == Split.VALIDATION ? 200 : 40;
            S3Uri uri = folder.resolve(split.csvName());
            store.put(uri, separable(rows, split.fileName().hashCode(), noisyTrain && split == Split.TRAIN), "text/csv");
            splits.add(EventFixtures.split(split.fileName(), uri, rows));
        }
        return EventFixtures.featuresReady(EventFixtures.METAS.startRun(pipeline), EventFixtures.dataset(pipeline, "0".repeat(64)),
                spec, EventFixtures.features(folder, "1".repeat(64)), splits, List.of("a", "b"), "y");
    }

    /** Rows whose class is a - b > 0; with {@code coinFlips}, each label is then flipped with probability 1/2. */
    private static byte[] separable(int rows, long seed, boolean coinFlips) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        StringWriter text = new StringWriter();
        try (SplitFiles.SplitWriter writer = new SplitFiles.SplitWriter(text, List.of("a", "b"))) {
            for (int i = 0; i < rows; i++) {
                float a = (float) random.nextGaussian();
                float b = (float) random.nextGaussian();
                int label = a - b > 0 ? 1 : 0;
                writer.write(new float[] {a, b}, coinFlips && random.nextBoolean() ? 1 - label : label);
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<CheckpointWritten> sendAndCollectUntilFinal(FeaturesReady event) {
        return EventExchange.sendAndCollect(event, CheckpointWritten.class, CheckpointWritten::getFinalCheckpoint);
    }
}

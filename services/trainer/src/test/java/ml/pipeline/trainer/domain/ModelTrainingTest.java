package ml.pipeline.trainer.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import ml.pipeline.core.features.SplitFiles.Examples;
import ml.pipeline.core.spec.EarlyStoppingSpec;
import ml.pipeline.core.spec.ModelSpec;
import ml.pipeline.core.spec.ModelType;
import ml.pipeline.core.training.StopReason;
import ml.pipeline.modeling.TrainedModel;
import org.junit.jupiter.api.Test;

/** Real DJL training on the PyTorch engine (CPU): checkpoints, learning, and an exact resume. */
class ModelTrainingTest {
    private static final ModelSpec MLP = new ModelSpec("m", ModelType.MLP, List.of(8), 3, 16, 0.05, 7L, 5, 3, null);

    /** Two features; the class is 1 when their sum is positive. */
    private static Examples examples(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[n][2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = (float) random.nextGaussian();
            x[i][1] = (float) random.nextGaussian();
            y[i] = x[i][0] + x[i][1] > 0 ? 1 : 0;
        }
        return new Examples(List.of("a", "b"), x, y);
    }

    @Test
    void checkpointsEveryNStepsTheLastMarkedAndTheModelLearns() throws Exception {
        List<Checkpoint> written = new ArrayList<>();
        List<Boolean> last = new ArrayList<>();
        TrainingState end = new ModelTraining(MLP, Device.cpu()).train(examples(200, 1), examples(100, 2),
                Optional.empty(), (checkpoint, isLast) -> {
                    written.add(checkpoint);
                    last.add(isLast);
                });
        // 200 rows / 16 = 13 batches per epoch, 3 epochs: 39 steps; checkpoints at 5, 10, ..., 35 and 39.
        assertEquals(39, end.step());
        assertEquals(List.of(5L, 10L, 15L, 20L, 25L, 30L, 35L, 39L), written.stream().map(c -> c.state().step()).toList());
        assertEquals(List.of(false, false, false, false, false, false, false, true), last);
        double accuracy = written.getLast().state().metrics().get("val_accuracy");
        assertTrue(accuracy > 0.85, "a separable problem is learnt, val_accuracy " + accuracy);
    }

    @Test
    void resumingFromACheckpointEndsExactlyWhereAnUninterruptedRunEnds() throws Exception {
        Examples train = examples(200, 1);
        Examples validation = examples(50, 2);
        List<Checkpoint> uninterrupted = new ArrayList<>();
        new ModelTraining(MLP, Device.cpu()).train(train, validation, Optional.empty(), (c, l) -> uninterrupted.add(c));

        Checkpoint killedAfter = uninterrupted.get(2); // step 15, in the middle of the second epoch
        List<Checkpoint> resumed = new ArrayList<>();
        new ModelTraining(MLP, Device.cpu()).train(train, validation, Optional.of(killedAfter), (c, l) -> resumed.add(c));

        assertEquals(uninterrupted.getLast().state().step(), resumed.getLast().state().step());
        assertArrayEquals(uninterrupted.getLast().optimizer(), resumed.getLast().optimizer(),
                "the same optimizer moments, bit for bit");
        assertArrayEquals(uninterrupted.getLast().parameters(), resumed.getLast().parameters(),
                "the same parameters, bit for bit");
    }

    @Test
    void theFinalCheckpointLoadsAsAModelThatPredictsWhatTrainingMeasured() throws Exception {
        Examples validation = examples(100, 2);
        List<Checkpoint> written = new ArrayList<>();
        new ModelTraining(MLP, Device.cpu()).train(examples(200, 1), validation, Optional.empty(), (c, l) -> written.add(c));
        try (TrainedModel model = TrainedModel.load(MLP, 2, written.getLast().parameters(), Device.cpu())) {
            float[] p = model.probabilities(validation.features());
            int correct = 0;
            for (int i = 0; i < p.length; i++) {
                correct += (p[i] >= 0.5f) == (validation.labels()[i] >= 0.5f) ? 1 : 0;
            }
            assertEquals(written.getLast().state().metrics().get("val_accuracy"), correct / 100.0, 1e-6);
            assertEquals(ml.pipeline.core.evaluation.BinaryMetrics.rocAuc(p, validation.labels()),
                    written.getLast().state().metrics().get("val_roc_auc"), 1e-9, "the ROC AUC training reported");
        }
    }

    /** Train on 40 rows whose labels are coin flips: a wide MLP memorises them and validation loss turns upward. */
    private static final ModelSpec OVERFITTING = new ModelSpec("m", ModelType.MLP, List.of(64, 64), 400, 8, 0.05, 7L, 5, 2,
            new EarlyStoppingSpec("val_loss", 4, 0.0));

    private static Examples noisy(int n, long seed) {
        Examples clean = examples(n, seed);
        SplittableRandom coin = new SplittableRandom(seed * 31);
        float[] flipped = clean.labels().clone();
        for (int i = 0; i < n; i++) {
            flipped[i] = coin.nextBoolean() ? 1 - flipped[i] : flipped[i];
        }
        return new Examples(clean.featureNames(), clean.features(), flipped);
    }

    @Test
    void whenValidationLossTurnsUpwardTrainingStopsEarlyAndTheBestCheckpointIsNamed() throws Exception {
        List<Checkpoint> written = new ArrayList<>();
        TrainingState end = new ModelTraining(OVERFITTING, Device.cpu()).train(noisy(40, 1), examples(200, 2),
                Optional.empty(), (c, l) -> written.add(c));
        assertEquals(StopReason.EARLY_STOPPED, end.stopped());
        assertTrue(end.step() < 400 * 5, "stopped long before 400 epochs, at step " + end.step());
        Checkpoint lowest = written.stream().min(java.util.Comparator.comparingDouble(c -> c.state().metrics().get("val_loss")))
                .orElseThrow();
        assertEquals(lowest.state().step(), end.progress().bestStep(), "the best is the checkpoint with the lowest val_loss");
        assertEquals(lowest.state().metrics().get("val_loss"), end.progress().bestValue());
        assertEquals(end.step(), end.progress().bestStep() + 4 * 5, "four checkpoints without improvement, then stop");
        assertTrue(written.stream().filter(c -> c.state().finished()).count() == 1 && written.getLast().state().finished());
    }

    @Test
    void aResumedRunStopsEarlyAtTheSameStepWithTheSameBest() throws Exception {
        Examples train = noisy(40, 1);
        Examples validation = examples(200, 2);
        List<Checkpoint> uninterrupted = new ArrayList<>();
        TrainingState end = new ModelTraining(OVERFITTING, Device.cpu()).train(train, validation, Optional.empty(),
                (c, l) -> uninterrupted.add(c));
        // Killed after a checkpoint that is past the best: patience already partly spent.
        Checkpoint killedAfter = uninterrupted.stream().filter(c -> c.state().progress().checksSinceBest() == 2).findFirst()
                .orElseThrow();
        List<Checkpoint> resumed = new ArrayList<>();
        TrainingState resumedEnd = new ModelTraining(OVERFITTING, Device.cpu()).train(train, validation,
                Optional.of(killedAfter), (c, l) -> resumed.add(c));
        assertEquals(end, resumedEnd);
        assertArrayEquals(uninterrupted.getLast().parameters(), resumed.getLast().parameters());
    }

    @Test
    void patienceZeroTrainsEveryEpochAndStillNamesTheBest() throws Exception {
        ModelSpec noStop = new ModelSpec("m", ModelType.MLP, List.of(64, 64), 60, 8, 0.05, 7L, 5, 2,
                new EarlyStoppingSpec("val_loss", 0, 0.0));
        TrainingState end = new ModelTraining(noStop, Device.cpu()).train(noisy(40, 1), examples(200, 2), Optional.empty(),
                (c, l) -> { });
        assertEquals(StopReason.COMPLETED, end.stopped());
        assertEquals(300, end.step());
        assertTrue(end.progress().bestStep() < end.step(), "the best was seen before the end: " + end.progress());
    }

    @Test
    void aStoppedRunEndsAtAStepBoundaryWithNoFinalCheckpoint() throws Exception {
        List<Checkpoint> written = new ArrayList<>();
        List<Boolean> last = new ArrayList<>();
        AtomicInteger asked = new AtomicInteger();
        TrainingState end = new ModelTraining(MLP, Device.cpu()).train(examples(200, 1), examples(50, 2), Optional.empty(),
                (checkpoint, isLast) -> {
                    written.add(checkpoint);
                    last.add(isLast);
                }, () -> asked.incrementAndGet() > 12);
        assertEquals(12, end.step(), "stopped before step 13 of 39");
        assertEquals(List.of(5L, 10L), written.stream().map(c -> c.state().step()).toList(), "the checkpoints written stay");
        assertEquals(List.of(false, false), last, "no final checkpoint: nothing downstream is told to evaluate");
    }
}

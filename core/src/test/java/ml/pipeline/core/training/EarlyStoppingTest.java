package ml.pipeline.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import ml.pipeline.core.spec.EarlyStoppingSpec;
import ml.pipeline.core.training.EarlyStopping.Progress;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    /** Feeds val_loss values at steps 10, 20, 30...; returns the progress after the last. */
    private static Progress follow(EarlyStopping stopping, double... losses) {
        Progress progress = Progress.start();
        for (int i = 0; i < losses.length; i++) {
            progress = stopping.next(progress, (i + 1) * 10L, Map.of("val_loss", losses[i]));
        }
        return progress;
    }

    @Test
    void theBestIsTheLowestLossAndPatienceCountsCheckpointsSinceIt() {
        EarlyStopping stopping = new EarlyStopping(new EarlyStoppingSpec("val_loss", 3, 0.0));
        Progress progress = follow(stopping, 0.50, 0.30, 0.35, 0.40);
        assertEquals(new Progress(20, 0.30, 2), progress);
        assertFalse(stopping.exhausted(progress));
        Progress after = stopping.next(progress, 50, Map.of("val_loss", 0.31));
        assertEquals(3, after.checksSinceBest());
        assertTrue(stopping.exhausted(after), "three checkpoints in a row without a better loss");
    }

    @Test
    void anImprovementResetsPatience() {
        EarlyStopping stopping = new EarlyStopping(new EarlyStoppingSpec("val_loss", 2, 0.0));
        assertEquals(new Progress(40, 0.20, 0), follow(stopping, 0.50, 0.60, 0.55, 0.20));
    }

    @Test
    void rocAucIsBetterHigherAndMinDeltaIgnoresTinyGains() {
        EarlyStopping stopping = new EarlyStopping(new EarlyStoppingSpec("val_roc_auc", 2, 0.01));
        Progress progress = Progress.start();
        progress = stopping.next(progress, 10, Map.of("val_roc_auc", 0.80));
        progress = stopping.next(progress, 20, Map.of("val_roc_auc", 0.805));
        assertEquals(new Progress(10, 0.80, 1), progress, "a gain under minDelta is no improvement");
        progress = stopping.next(progress, 30, Map.of("val_roc_auc", 0.85));
        assertEquals(new Progress(30, 0.85, 0), progress);
    }

    @Test
    void patienceZeroNeverStopsButStillKeepsTheBest() {
        EarlyStopping stopping = new EarlyStopping(new EarlyStoppingSpec("val_loss", 0, 0.0));
        Progress progress = follow(stopping, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6);
        assertEquals(10, progress.bestStep());
        assertFalse(stopping.exhausted(progress));
    }

    @Test
    void withoutTheMetricTheNewestCheckpointIsTheBestAndNothingStops() {
        EarlyStopping stopping = new EarlyStopping(new EarlyStoppingSpec("val_loss", 1, 0.0));
        Progress progress = Progress.start();
        progress = stopping.next(progress, 10, Map.of("train_loss", 0.4));
        progress = stopping.next(progress, 20, Map.of("train_loss", 0.3));
        assertEquals(new Progress(20, null, 0), progress);
        assertFalse(stopping.exhausted(progress));
        progress = stopping.next(progress, 30, Map.of("val_loss", Double.NaN));
        assertEquals(30, progress.bestStep(), "a NaN is not a measurement");
    }
}

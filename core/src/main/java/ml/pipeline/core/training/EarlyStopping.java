package ml.pipeline.core.training;

import java.util.Map;
import ml.pipeline.core.spec.EarlyStoppingSpec;

/**
 * Follows a run's validation metric from checkpoint to checkpoint: which checkpoint is the best so
 * far, and whether patience has run out. Pure and deterministic, and its whole state is a
 * {@link Progress}, which a checkpoint stores so that a resumed run stops where an uninterrupted
 * one would.
 */
public final class EarlyStopping {
    private final EarlyStoppingSpec spec;

    public EarlyStopping(EarlyStoppingSpec spec) {
        this.spec = spec;
    }

    /**
     * The best checkpoint so far ({@code bestStep} 0 and {@code bestValue} null before any was
     * measured) and how many checkpoints since have not improved on it.
     */
    public record Progress(long bestStep, Double bestValue, int checksSinceBest) {
        public static Progress start() {
            return new Progress(0, null, 0);
        }

        public boolean hasBest() {
            return bestValue != null;
        }
    }

    /**
     * The progress after the checkpoint at {@code step} measured {@code metrics}. A checkpoint
     * without the metric (no validation split, or a NaN) is never the best and does not count
     * against patience; while no checkpoint has measured it, the newest is the best (a run with no
     * validation split ships its last checkpoint).
     */
    public Progress next(Progress progress, long step, Map<String, Double> metrics) {
        Double value = metrics.get(spec.metric());
        if (value == null || value.isNaN()) {
            return progress.hasBest() ? progress : new Progress(step, null, 0);
        }
        if (!progress.hasBest() || improves(value, progress.bestValue())) {
            return new Progress(step, value, 0);
        }
        return new Progress(progress.bestStep(), progress.bestValue(), progress.checksSinceBest() + 1);
    }

    /** Whether training should stop now: patience is set and that many checkpoints in a row brought nothing better. */
    public boolean exhausted(Progress progress) {
        return spec.patience() > 0 && progress.checksSinceBest() >= spec.patience();
    }

    private boolean improves(double value, double best) {
        return spec.higherIsBetter() ? value > best + spec.minDelta() : value < best - spec.minDelta();
    }
}

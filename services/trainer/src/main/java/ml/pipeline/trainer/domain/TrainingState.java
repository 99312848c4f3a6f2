package ml.pipeline.trainer.domain;

import java.util.Map;
import ml.pipeline.core.training.EarlyStopping;
import ml.pipeline.core.training.StopReason;

/**
 * Where a training run stands: optimizer steps done, the epoch, and the next batch of that epoch
 * (the data cursor); the metrics of the newest checkpoint, the best checkpoint so far with the
 * patience spent since it, and, once the run has ended, why ({@code stopped}, null before). The
 * shuffle order of an epoch derives from the seed and the epoch, so the cursor is all a resumed
 * run needs to see the same batches in the same order.
 */
public record TrainingState(long step, int epoch, int batchInEpoch, Map<String, Double> metrics,
        EarlyStopping.Progress progress, StopReason stopped) {
    public TrainingState {
        progress = progress == null ? EarlyStopping.Progress.start() : progress;
    }

    public static TrainingState start() {
        return new TrainingState(0, 0, 0, Map.of(), EarlyStopping.Progress.start(), null);
    }

    public boolean finished() {
        return stopped != null;
    }
}

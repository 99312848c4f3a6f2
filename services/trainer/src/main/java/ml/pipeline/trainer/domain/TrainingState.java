package ml.pipeline.trainer.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ml.pipeline.core.training.EarlyStopping;
import ml.pipeline.core.training.MetricsAt;
import ml.pipeline.core.training.StopReason;

/**
 * Where a training run stands: optimizer steps done, the epoch, and the next batch of that epoch
 * (the data cursor); the metrics of the newest checkpoint, the best checkpoint so far with the
 * patience spent since it, and, once the run has ended, why ({@code stopped}, null before);
 * {@code history}: every checkpoint's metrics so far, oldest first (the training curves). The
 * shuffle order of an epoch derives from the seed and the epoch, so the cursor is all a resumed
 * run needs to see the same batches in the same order.
 */
public record TrainingState(long step, int epoch, int batchInEpoch, Map<String, Double> metrics,
        EarlyStopping.Progress progress, StopReason stopped, List<MetricsAt> history) {
    public TrainingState {
        progress = progress == null ? EarlyStopping.Progress.start() : progress;
        history = history == null ? List.of() : List.copyOf(history);
    }

    public static TrainingState start() {
        return new TrainingState(0, 0, 0, Map.of(), EarlyStopping.Progress.start(), null, List.of());
    }

    /** The history with this checkpoint's metrics added. */
    public List<MetricsAt> historyWith(MetricsAt checkpoint) {
        List<MetricsAt> longer = new ArrayList<>(history);
        longer.add(checkpoint);
        return longer;
    }

    public boolean finished() {
        return stopped != null;
    }
}

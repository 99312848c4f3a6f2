package ml.pipeline.trainer.domain;

import java.util.Map;

/**
 * Where a training run stands: optimizer steps done, the epoch, and the next batch of that epoch
 * (the data cursor). The shuffle order of an epoch derives from the seed and the epoch, so the
 * cursor is all a resumed run needs to see the same batches in the same order.
 */
public record TrainingState(long step, int epoch, int batchInEpoch, Map<String, Double> metrics) {
    public static TrainingState start() {
        return new TrainingState(0, 0, 0, Map.of());
    }
}

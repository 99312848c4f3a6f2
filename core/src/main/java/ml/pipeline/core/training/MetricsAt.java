package ml.pipeline.core.training;

import java.util.Map;

/**
 * The metrics one checkpoint measured (train_loss and the validation metrics) and where it was:
 * a point of a run's training curves. Each checkpoint keeps the run's history of them, so that the
 * curves survive the pruning of older checkpoints and a resume.
 */
public record MetricsAt(long step, int epoch, Map<String, Double> metrics) {
}

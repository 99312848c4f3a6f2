package ml.pipeline.core.spec;

import java.util.List;
import ml.pipeline.core.evaluation.Metric;
import java.util.Map;

/**
 * The evaluation gate; metrics go by their {@link Metric} names. {@code minimums}: metrics that must reach a value (roc_auc: 0.75);
 * {@code maximums}: metrics that must stay under one (log_loss: 0.6); {@code compareMetric} must
 * beat the production model's by at least {@code minImprovement}; on each slice of the
 * {@code slices} columns, {@code compareMetric} may fall at most {@code maxSliceDrop} below overall;
 * {@code properties}: behaviours the model must show ({@link PropertySpec}: monotonic, invariant).
 */
public record GateSpec(Map<String, Double> minimums, Map<String, Double> maximums, String compareMetric,
        Double minImprovement, List<String> slices, Double maxSliceDrop, List<PropertySpec> properties) {
    public GateSpec {
        minimums = minimums == null ? Map.of() : Map.copyOf(minimums);
        maximums = maximums == null ? Map.of() : Map.copyOf(maximums);
        compareMetric = compareMetric == null ? Metric.ROC_AUC.yamlName() : compareMetric;
        minImprovement = minImprovement == null ? 0.0 : minImprovement;
        slices = slices == null ? List.of() : List.copyOf(slices);
        maxSliceDrop = maxSliceDrop == null ? 0.1 : maxSliceDrop;
        properties = properties == null ? List.of() : List.copyOf(properties);
    }

    public static GateSpec defaults() {
        return new GateSpec(null, null, null, null, null, null, null);
    }
}

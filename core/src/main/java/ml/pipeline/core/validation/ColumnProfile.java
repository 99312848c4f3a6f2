package ml.pipeline.core.validation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Statistics of one column: counts always; exact min/max/mean/std and quantiles from a KLL sketch
 * (exact up to a few hundred values, within about 1.3 % in rank beyond: {@link NumericSketch}) for numbers; the most frequent values for categories;
 * and the bounded summaries drift against a later dataset is computed from: a numeric column's
 * quantile function on a grid of ranks ({@link NumericSketch}), a categorical column's most
 * frequent values with their counts ({@link CategorySketch}). A timestamp column's earliest and
 * latest time (ISO-8601, UTC); a feature's ROC AUC against the label, folded to 0.5..1
 * ({@code labelAuc}, see {@link ml.pipeline.core.leakage.LeakageCheck}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnProfile(
        String type,
        long count,
        long nulls,
        Double min,
        Double max,
        Double mean,
        Double std,
        Map<String, Double> quantiles,
        Long distinct,
        List<CategoryCount> top,
        List<Double> grid,
        Map<String, Long> frequencies,
        String earliest,
        String latest,
        Double labelAuc) {

    public record CategoryCount(String value, long count) {
    }

    /** This column's profile with its AUC against the label. */
    public ColumnProfile withLabelAuc(Double auc) {
        return new ColumnProfile(type, count, nulls, min, max, mean, std, quantiles, distinct, top, grid, frequencies,
                earliest, latest, auc);
    }

    /** The share of rows with a value. */
    public double completeness() {
        return 1 - nullFraction();
    }

    public double nullFraction() {
        long all = count + nulls;
        return all == 0 ? 0 : (double) nulls / all;
    }
}

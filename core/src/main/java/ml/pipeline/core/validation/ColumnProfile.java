package ml.pipeline.core.validation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Statistics of one column: counts always; min/max/mean/std and quantiles (approximate beyond
 * {@link NumericSummary#SAMPLE_SIZE} values) for numbers; the most frequent values for categories.
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
        List<CategoryCount> top) {

    public record CategoryCount(String value, long count) {
    }

    public double nullFraction() {
        long all = count + nulls;
        return all == 0 ? 0 : (double) nulls / all;
    }
}

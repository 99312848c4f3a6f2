package ml.pipeline.core.validation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * A column's categories in a DataSketches frequent-items sketch, in bounded memory: exact counts
 * while the column has fewer than about 768 distinct values, bounded estimates beyond (an id
 * column, say). The profile keeps the {@link #KEPT} most frequent; the rest is the remainder.
 */
public final class CategorySketch {
    static final int MAX_MAP_SIZE = 1024;
    public static final int KEPT = 256;
    private final ItemsSketch<String> items = new ItemsSketch<>(MAX_MAP_SIZE);

    public void add(String value) {
        items.update(value);
    }

    /** The most frequent categories and their counts, most frequent first. */
    public Map<String, Long> frequencies() {
        Map<String, Long> frequencies = new LinkedHashMap<>();
        if (items.isEmpty()) {
            return frequencies;
        }
        for (ItemsSketch.Row<String> row : items.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
            if (frequencies.size() == KEPT) {
                break;
            }
            frequencies.put(row.getItem(), row.getEstimate());
        }
        return frequencies;
    }
}

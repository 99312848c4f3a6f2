package ml.pipeline.core.validation;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of distinct values, in bounded memory: past MAX_DISTINCT distinct values (an id column,
 * say) new values are no longer told apart, and distinct becomes a lower bound.
 */
public final class CategorySummary {
    static final int MAX_DISTINCT = 10_000;
    private static final int TOP = 20;

    private final Map<String, Long> counts = new HashMap<>();
    private long count;
    private boolean saturated;

    public void add(String value) {
        count++;
        if (counts.containsKey(value) || counts.size() < MAX_DISTINCT) {
            counts.merge(value, 1L, Long::sum);
        } else {
            saturated = true;
        }
    }

    public long count() {
        return count;
    }

    public long distinct() {
        return counts.size();
    }

    public boolean isSaturated() {
        return saturated;
    }

    public Map<String, Long> counts() {
        return counts;
    }

    List<ColumnProfile.CategoryCount> top() {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .map(e -> new ColumnProfile.CategoryCount(e.getKey(), e.getValue()))
                .toList();
    }
}

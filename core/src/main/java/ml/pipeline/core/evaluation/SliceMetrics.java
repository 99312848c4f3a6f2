package ml.pipeline.core.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ml.pipeline.core.validation.CellValues;

/**
 * The candidate's metrics on each value of each slice column the gate names, read from the raw
 * holdout rows (the values as they came, not their encoding). Empty cells form their own slice.
 */
public final class SliceMetrics {
    /** Slices with fewer holdout rows say too little to gate on. */
    public static final int MIN_SLICE_ROWS = 5;
    static final String MISSING = "<missing>";

    private SliceMetrics() {
    }

    /** Slices in column order, values sorted; {@code scores} and {@code labels} are aligned with {@code rows}. */
    public static List<SliceResult> of(List<String> columns, List<Map<String, String>> rows, float[] scores, float[] labels) {
        if (scores.length != rows.size() || labels.length != rows.size()) {
            throw new IllegalArgumentException(rows.size() + " rows, " + scores.length + " scores and " + labels.length
                    + " labels: they must be aligned");
        }
        List<SliceResult> results = new ArrayList<>();
        for (String column : columns) {
            Map<String, List<Integer>> byValue = new TreeMap<>();
            for (int i = 0; i < rows.size(); i++) {
                String cell = rows.get(i).get(column);
                String value = CellValues.isMissing(cell) ? MISSING : CellValues.category(cell);
                byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(i);
            }
            byValue.forEach((value, members) -> {
                if (members.size() >= MIN_SLICE_ROWS) {
                    results.add(new SliceResult(column + "=" + value, members.size(),
                            BinaryMetrics.of(pick(scores, members), pick(labels, members))));
                }
            });
        }
        return results;
    }

    private static float[] pick(float[] values, List<Integer> indices) {
        float[] picked = new float[indices.size()];
        for (int k = 0; k < picked.length; k++) {
            picked[k] = values[indices.get(k)];
        }
        return picked;
    }
}

package ml.pipeline.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SliceMetricsTest {
    /** Ten rows: plan a scored perfectly, plan b backwards; region has one value too rare to gate on. */
    private static final List<Map<String, String>> ROWS = new ArrayList<>();
    private static final float[] SCORES = new float[12];
    private static final float[] LABELS = new float[12];

    static {
        for (int i = 0; i < 12; i++) {
            Map<String, String> row = new HashMap<>();
            row.put("plan", i < 6 ? "a" : " b ");
            row.put("region", i == 11 ? "" : i < 2 ? "rare" : "common");
            ROWS.add(row);
            LABELS[i] = i % 2;
            boolean right = i < 6;
            SCORES[i] = right == (i % 2 == 1) ? 0.9f : 0.1f;
        }
    }

    @Test
    void eachValueOfEachSliceColumnIsScoredOnItsOwnRows() {
        List<SliceResult> slices = SliceMetrics.of(List.of("plan", "region"), ROWS, SCORES, LABELS);
        assertEquals(List.of("plan=a", "plan=b", "region=common"), slices.stream().map(SliceResult::slice).toList(),
                "values as categories (trimmed), sorted; fewer than 5 rows left out");
        assertEquals(6, slices.get(0).rows());
        assertEquals(1.0, slices.get(0).metrics().get(Metric.ROC_AUC.yamlName()), 1e-12);
        assertEquals(0.0, slices.get(1).metrics().get(Metric.ROC_AUC.yamlName()), 1e-12);
        assertEquals(9, slices.get(2).rows());
    }

    @Test
    void emptyCellsFormTheirOwnSlice() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(Map.of("plan", i < 5 ? "NA" : "a"));
        }
        float[] scores = {0.9f, 0.1f, 0.9f, 0.1f, 0.9f, 0.1f};
        float[] labels = {1, 0, 1, 0, 1, 0};
        List<SliceResult> slices = SliceMetrics.of(List.of("plan"), rows, scores, labels);
        assertEquals(List.of("plan=" + SliceMetrics.MISSING), slices.stream().map(SliceResult::slice).toList());
    }

    @Test
    void misalignedInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SliceMetrics.of(List.of("plan"), ROWS, new float[3], LABELS));
    }
}

package ml.pipeline.core.drift;

import java.util.List;

/**
 * A dataset's drift against the one behind the production model: that dataset's sha256 and the
 * model version ({@code null} with a {@code note} saying why when there is no baseline), every
 * compared column's scores, and the findings that reject the dataset or only warn.
 */
public record DriftReport(String baselineDataset, Integer baselineModelVersion, String note, List<ColumnDrift> columns,
        List<Finding> rejections, List<String> warnings) {
    /** A score at or above the spec's reject level: the column, the score, its value and the level. */
    public record Finding(String column, String score, double value, double level, String message) {
    }

    public static DriftReport without(String note) {
        return new DriftReport(null, null, note, List.of(), List.of(), List.of());
    }

    public boolean rejects() {
        return !rejections.isEmpty();
    }
}

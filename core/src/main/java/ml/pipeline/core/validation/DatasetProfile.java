package ml.pipeline.core.validation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What validate stores as {@code profile.json}: rows, the file's columns as found (declared or
 * not), per-column statistics of the declared ones in header order, and exact duplicate rows
 * ({@code duplicatesExact} false when the count is an estimate, see {@link DuplicateRows}); once
 * the checks ran, the quality figures of {@link QualitySummary} (freshness at publish time included).
 * Profiles written before a field existed read back with it null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetProfile(long rows, List<String> fileColumns, Map<String, ColumnProfile> columns, Long duplicateRows,
        Boolean duplicatesExact, Map<String, Double> quality) {
    public static DatasetProfile empty() {
        return new DatasetProfile(0, List.of(), Map.of(), 0L, true, null);
    }

    public DatasetProfile withQuality(Map<String, Double> figures) {
        return new DatasetProfile(rows, fileColumns, columns, duplicateRows, duplicatesExact, figures);
    }
}

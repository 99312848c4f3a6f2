package ml.pipeline.core.validation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The quality figures DatasetValidated carries: rows, columns, the share of empty cells, how many
 * warnings, exact duplicate rows (and whether that count is exact), the newest time's age at
 * publish time where there is a time column, and each column's completeness (share of rows with
 * a value) as {@code completeness.<column>}.
 */
public final class QualitySummary {
    public static final String ROWS = "rows";
    public static final String COLUMNS = "columns";
    public static final String NULL_FRACTION = "nullFraction";
    public static final String WARNINGS = "warnings";
    public static final String DUPLICATE_ROWS = "duplicateRows";
    /** 1 when duplicateRows is an exact count, 0 when it is an estimate. */
    public static final String DUPLICATES_EXACT = "duplicateRowsExact";
    public static final String NEWEST_AGE_SECONDS = "newestAgeSeconds";
    public static final String COMPLETENESS = "completeness.";

    private QualitySummary() {
    }

    public static Map<String, Double> of(ValidationResult result) {
        return of(result, Optional.empty());
    }

    public static Map<String, Double> of(ValidationResult result, Optional<Duration> newestAge) {
        DatasetProfile profile = result.profile();
        List<ColumnProfile> columns = List.copyOf(profile.columns().values());
        long cells = columns.stream().mapToLong(c -> c.count() + c.nulls()).sum();
        long empty = columns.stream().mapToLong(ColumnProfile::nulls).sum();
        Map<String, Double> quality = new LinkedHashMap<>();
        quality.put(ROWS, (double) profile.rows());
        quality.put(COLUMNS, (double) columns.size());
        quality.put(NULL_FRACTION, cells == 0 ? 0.0 : (double) empty / cells);
        quality.put(WARNINGS, (double) result.warnings().size());
        if (profile.duplicateRows() != null) {
            quality.put(DUPLICATE_ROWS, (double) profile.duplicateRows());
            quality.put(DUPLICATES_EXACT, Boolean.TRUE.equals(profile.duplicatesExact()) ? 1.0 : 0.0);
        }
        newestAge.ifPresent(age -> quality.put(NEWEST_AGE_SECONDS, (double) age.toSeconds()));
        profile.columns().forEach((name, column) -> quality.put(COMPLETENESS + name, column.completeness()));
        return quality;
    }
}

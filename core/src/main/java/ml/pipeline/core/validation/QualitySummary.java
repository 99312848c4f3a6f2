package ml.pipeline.core.validation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The summary DatasetValidated carries: rows, columns, the share of empty cells, and how many warnings. */
public final class QualitySummary {
    public static final String ROWS = "rows";
    public static final String COLUMNS = "columns";
    public static final String NULL_FRACTION = "nullFraction";
    public static final String WARNINGS = "warnings";

    private QualitySummary() {
    }

    public static Map<String, Double> of(ValidationResult result) {
        List<ColumnProfile> columns = List.copyOf(result.profile().columns().values());
        long cells = columns.stream().mapToLong(c -> c.count() + c.nulls()).sum();
        long empty = columns.stream().mapToLong(ColumnProfile::nulls).sum();
        Map<String, Double> quality = new LinkedHashMap<>();
        quality.put(ROWS, (double) result.profile().rows());
        quality.put(COLUMNS, (double) columns.size());
        quality.put(NULL_FRACTION, cells == 0 ? 0.0 : (double) empty / cells);
        quality.put(WARNINGS, (double) result.warnings().size());
        return quality;
    }
}

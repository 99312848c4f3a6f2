package ml.pipeline.core.spec;

import java.util.List;
import java.util.Optional;

/**
 * What a dataset must look like to be trained on: its format ({@code auto}, the default, takes CSV
 * or Parquet as the bytes say; {@code csv} or {@code parquet} refuses the other), columns, label,
 * id and time columns, size.
 */
public record DatasetContract(String format, String label, String id, String time, Integer minRows,
        List<ColumnSpec> columns) {
    public static final int DEFAULT_MIN_ROWS = 50;
    public static final String AUTO = "auto";
    public static final List<String> FORMATS = List.of(AUTO, "csv", "parquet");

    public DatasetContract {
        format = format == null ? AUTO : format;
        minRows = minRows == null ? DEFAULT_MIN_ROWS : minRows;
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Optional<String> idColumn() {
        return Optional.ofNullable(id);
    }

    public Optional<String> timeColumn() {
        return Optional.ofNullable(time);
    }
}

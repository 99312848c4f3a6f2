package ml.pipeline.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * One column of the dataset contract. {@code min}/{@code max} bound numeric values;
 * {@code categories}, when given, lists the only values a categorical column may hold.
 */
public record ColumnSpec(String name, ColumnType type, Boolean nullable, Double min, Double max, List<String> categories) {
    public ColumnSpec {
        nullable = nullable == null ? Boolean.TRUE : nullable;
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    @JsonIgnore
    public boolean isNullable() {
        return nullable;
    }
}

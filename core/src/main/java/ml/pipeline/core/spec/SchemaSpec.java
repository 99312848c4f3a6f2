package ml.pipeline.core.spec;

import java.util.List;

/**
 * What a column in the file that the contract does not declare does: {@code warn} (the default;
 * it is ignored and named in schemaChanges) or {@code reject}. A declared column that is missing
 * or of another type always rejects.
 */
public record SchemaSpec(String addedColumns) {
    public static final String WARN = "warn";
    public static final String REJECT = "reject";
    public static final List<String> ACTIONS = List.of(WARN, REJECT);

    public SchemaSpec {
        addedColumns = addedColumns == null ? WARN : addedColumns;
    }

    public static SchemaSpec defaults() {
        return new SchemaSpec(null);
    }

    public boolean rejectsAddedColumns() {
        return REJECT.equals(addedColumns);
    }
}

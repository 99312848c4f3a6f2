package ml.pipeline.core.validation;

import ml.pipeline.core.Texts;

/**
 * A column added, removed or retyped, against the contract or against the dataset the
 * production model was trained on; {@code expected} and {@code found} are types where it was
 * retyped.
 */
public record SchemaChange(String column, String change, String against, String expected, String found) {
    public static final String ADDED = "added";
    public static final String REMOVED = "removed";
    public static final String RETYPED = "retyped";
    public static final String CONTRACT = "contract";
    public static final String PRODUCTION = "production";

    public SchemaChange {
        column = Texts.bounded(column);
    }
}

package ml.pipeline.core.validation;

import ml.pipeline.core.Texts;

/**
 * One broken rule of a dataset contract. {@code column} is null for dataset-wide problems;
 * {@code observed} and {@code expected} are stated when they can be.
 */
public record ContractViolation(String code, String column, String message, String observed, String expected) {
    /** Events stay small: a 1 MB cell is quoted by its start. */
    public ContractViolation {
        column = Texts.bounded(column);
        message = Texts.bounded(message);
        observed = Texts.bounded(observed);
        expected = Texts.bounded(expected);
    }

    public static final String MALFORMED_CSV = "MALFORMED_CSV";
    public static final String MISSING_COLUMN = "MISSING_COLUMN";
    public static final String NOT_NUMERIC = "NOT_NUMERIC";
    public static final String BAD_TIMESTAMP = "BAD_TIMESTAMP";
    public static final String NULLS_NOT_ALLOWED = "NULLS_NOT_ALLOWED";
    public static final String BELOW_MIN = "BELOW_MIN";
    public static final String ABOVE_MAX = "ABOVE_MAX";
    public static final String UNKNOWN_CATEGORY = "UNKNOWN_CATEGORY";
    public static final String TOO_FEW_ROWS = "TOO_FEW_ROWS";
    public static final String LABEL_MISSING = "LABEL_MISSING";
    public static final String LABEL_ONE_CLASS = "LABEL_ONE_CLASS";
    public static final String LABEL_NOT_BINARY = "LABEL_NOT_BINARY";
    public static final String TOO_MANY_PROBLEMS = "TOO_MANY_PROBLEMS";
    /** A feature separates the label too well by itself. */
    public static final String TARGET_LEAK = "TARGET_LEAK";
    /** The newest time is older than the spec's quality.maxAge. */
    public static final String STALE_DATA = "STALE_DATA";
    /** A time split was asked for, but the times cannot be split (every row at one time). */
    public static final String TIME_SPLIT_UNUSABLE = "TIME_SPLIT_UNUSABLE";
    /** A column the contract does not declare, with schema.addedColumns: reject. */
    public static final String ADDED_COLUMN = "ADDED_COLUMN";
}

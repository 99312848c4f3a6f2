package ml.pipeline.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** What a column holds, as the dataset contract declares it. */
public enum ColumnType {
    /** A number; empty cells are nulls. */
    NUMERIC,
    /** One of a set of labels; one-hot encoded, with a bucket for values unseen in training. */
    CATEGORICAL,
    /** Free text, e.g. an id: checked for presence, never a feature. */
    STRING,
    /** An ISO-8601 date or date-time, e.g. the time column that orders a time split. */
    TIMESTAMP;

    @JsonValue
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ColumnType fromYaml(String text) {
        return Arrays.stream(values()).filter(t -> t.yamlName().equalsIgnoreCase(text.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown column type '" + text
                        + "': use numeric, categorical, string or timestamp"));
    }
}

package ml.pipeline.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

public enum ModelType {
    LOGISTIC,
    MLP;

    @JsonValue
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ModelType fromYaml(String text) {
        return Arrays.stream(values()).filter(t -> t.yamlName().equalsIgnoreCase(text.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model type '" + text + "': use logistic or mlp"));
    }
}

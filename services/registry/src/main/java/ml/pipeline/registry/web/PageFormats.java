package ml.pipeline.registry.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateExtension;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What the dashboard's templates call as {@code f:id(x)}: a missing value shows as a dash, never fails the page. */
@TemplateExtension(namespace = "f")
final class PageFormats {
    /** Ids and hashes shortened to their first twelve characters, enough to tell them apart on a page. */
    static final int SHORT = 12;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Double>> NUMBERS = new TypeReference<>() { };

    private PageFormats() {
    }

    /** A metrics map as the registry stores it (JSON text), as "roc_auc 0.903 · f1 0.824". */
    static String metrics(String json) {
        if (json == null || json.isBlank()) {
            return "–";
        }
        try {
            return JSON.readValue(json, NUMBERS).entrySet().stream()
                    .map(e -> e.getKey() + " " + (e.getValue() == null ? "–" : String.format(Locale.ROOT, "%.3f", e.getValue())))
                    .collect(Collectors.joining(" · "));
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    static String id(String value) {
        if (value == null) {
            return "–";
        }
        return value.length() <= SHORT ? value : value.substring(0, SHORT) + "…";
    }

    static String num(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.4f", value);
    }

    static String text(Object value) {
        return value == null ? "–" : value.toString();
    }
}

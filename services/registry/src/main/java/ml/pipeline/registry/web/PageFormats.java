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

    /** A percentage for CSS (a dot, whatever the locale). */
    static String pct(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** A waterfall row's indent, in pixels, for its depth. */
    static int indent(int depth) {
        return 4 + 14 * depth;
    }

    /** A span's duration: microseconds to what a person reads. */
    static String took(long micros) {
        if (micros < 1_000) {
            return micros + " µs";
        }
        if (micros < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", micros / 1e3);
        }
        return String.format(Locale.ROOT, "%.2f s", micros / 1e6);
    }
}

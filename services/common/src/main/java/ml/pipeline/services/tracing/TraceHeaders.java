package ml.pipeline.services.tracing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trace context as text (its W3C {@code traceparent} and {@code baggage} headers, as JSON), for
 * work that is stored and done later: the registry's outbox keeps it beside each owed event, so
 * an event sent after a restart still continues the trace of the run that decided it.
 */
@ApplicationScoped
public class TraceHeaders {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final TextMapPropagator propagator;

    public TraceHeaders(OpenTelemetry openTelemetry) {
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    public String write(Context context) {
        Map<String, String> headers = new TreeMap<>();
        propagator.inject(context, headers, Map::put);
        try {
            return JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("trace headers that do not write as JSON", e);
        }
    }

    /** The context the text names; the root context for null or unreadable text (an entry from before traces). */
    public Context read(String text) {
        if (text == null || text.isBlank()) {
            return Context.root();
        }
        try {
            return propagator.extract(Context.root(), JSON.readValue(text, HEADERS), GETTER);
        } catch (JsonProcessingException e) {
            return Context.root();
        }
    }
}

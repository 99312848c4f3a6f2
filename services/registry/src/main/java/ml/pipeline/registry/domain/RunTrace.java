package ml.pipeline.registry.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import ml.pipeline.core.tracing.Waterfall;
import ml.pipeline.registry.storage.TraceSpanEntity;

/**
 * A run's trace as the registry kept it: the trace ids its spans carry (one, when every event
 * continued the trace the publish started) and the spans, in the order they started.
 */
public record RunTrace(String runId, List<String> traceIds, List<Span> spans) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    /** A span; times in microseconds since the epoch. */
    public record Span(String traceId, String spanId, String parentSpanId, String service, String name, String kind,
            long startMicros, long endMicros, boolean error, Map<String, String> attributes) {
        public Waterfall.Span forWaterfall() {
            return new Waterfall.Span(spanId, parentSpanId, service, name, startMicros, endMicros, error);
        }
    }

    public static RunTrace of(String runId, List<TraceSpanEntity> entities) {
        List<Span> spans = entities.stream().map(RunTrace::span).toList();
        return new RunTrace(runId, spans.stream().map(Span::traceId).distinct().toList(), spans);
    }

    /** The services its spans came from, in the order they first appear. */
    public List<String> services() {
        return spans.stream().map(Span::service).distinct().toList();
    }

    public List<Waterfall.Row> waterfall() {
        return Waterfall.of(spans.stream().map(Span::forWaterfall).toList());
    }

    private static Span span(TraceSpanEntity entity) {
        Map<String, String> attributes;
        try {
            attributes = JSON.readValue(entity.attributes, ATTRIBUTES);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            attributes = Map.of();
        }
        return new Span(entity.traceId, entity.spanId, entity.parentSpanId, entity.service, entity.name, entity.kind,
                entity.startMicros, entity.endMicros, entity.error, attributes);
    }
}

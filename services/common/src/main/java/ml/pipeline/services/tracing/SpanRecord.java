package ml.pipeline.services.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A finished span of a run as it travels to the registry (JSON on {@code telemetry.spans}).
 * Times in microseconds since the epoch; {@code parentSpanId} null for a root; attributes as text.
 */
public record SpanRecord(String traceId, String spanId, String parentSpanId, String runId, String service, String name,
        String kind, long startMicros, long endMicros, boolean error, Map<String, String> attributes) {
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    static SpanRecord of(SpanData span) {
        Map<String, String> attributes = new TreeMap<>();
        span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), String.valueOf(value)));
        String parent = span.getParentSpanId();
        return new SpanRecord(span.getTraceId(), span.getSpanId(), SpanId.isValid(parent) ? parent : null,
                span.getAttributes().get(RunTraces.RUN_ID), String.valueOf(span.getResource().getAttribute(SERVICE_NAME)),
                span.getName(), span.getKind().name(), TimeUnit.NANOSECONDS.toMicros(span.getStartEpochNanos()),
                TimeUnit.NANOSECONDS.toMicros(span.getEndEpochNanos()), span.getStatus().getStatusCode() == StatusCode.ERROR,
                attributes);
    }
}

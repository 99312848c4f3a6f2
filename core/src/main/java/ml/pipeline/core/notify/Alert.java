package ml.pipeline.core.notify;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing people should hear about: its kind, the run and event it comes from, a line that says
 * what happened, and the facts behind it ({@code details}: model, version, stage, reason, checks,
 * ...; JSON values, in the order given). Built from an event by the registry; turned into a
 * webhook's body by {@link WebhookPayload}.
 */
public record Alert(AlertKind kind, String pipeline, String runId, String eventId, String event, Instant occurredAt,
        String summary, Map<String, Object> details) {
    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(summary, "summary");
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}

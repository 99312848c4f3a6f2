package ml.pipeline.registry.storage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The spans of runs in PostgreSQL: each once, whatever is redelivered. Callers hold the session. */
@ApplicationScoped
public class TraceStore {
    private static final String INSERT = """
            INSERT INTO trace_spans (span_id, trace_id, parent_span_id, run_id, service, name, kind, start_micros,
                end_micros, error, attributes, received_at)
            VALUES (:spanId, :traceId, :parentSpanId, :runId, :service, :name, :kind, :startMicros, :endMicros, :error,
                :attributes, :receivedAt)
            ON CONFLICT (span_id) DO NOTHING""";

    public Uni<Void> add(TraceSpanEntity span) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter("spanId", span.spanId).setParameter("traceId", span.traceId)
                .setParameter("parentSpanId", span.parentSpanId).setParameter("runId", span.runId)
                .setParameter("service", span.service).setParameter("name", span.name).setParameter("kind", span.kind)
                .setParameter("startMicros", span.startMicros).setParameter("endMicros", span.endMicros)
                .setParameter("error", span.error).setParameter("attributes", span.attributes)
                .setParameter("receivedAt", span.receivedAt)
                .executeUpdate()).replaceWithVoid();
    }

    /** In the order they started. */
    public Uni<List<TraceSpanEntity>> ofRun(String runId) {
        return TraceSpanEntity.list("runId = ?1 order by startMicros", runId);
    }

    /** Forgets the spans received before {@code before}; returns how many. */
    public Uni<Long> pruneBefore(Instant before) {
        return TraceSpanEntity.delete("receivedAt < ?1", before);
    }
}

package ml.pipeline.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import ml.pipeline.registry.domain.RunTrace;
import ml.pipeline.registry.storage.TraceSpanEntity;
import ml.pipeline.registry.storage.TraceStore;
import ml.pipeline.services.tracing.SpanRecord;
import org.jboss.logging.Logger;

/**
 * The spans of recent runs, as the services ship them, for the run page's waterfall and the
 * API: kept for {@code pipeline.registry.traces.keep-for}, then forgotten (looked at, at most,
 * once a minute, as spans arrive).
 */
@ApplicationScoped
public class TraceService {
    private static final Logger LOG = Logger.getLogger(TraceService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final TraceStore traces;
    private final Duration keepFor;
    private final AtomicReference<Instant> nextPrune = new AtomicReference<>(Instant.EPOCH);

    public TraceService(TraceStore traces, RegistrySettings settings) {
        this.traces = traces;
        this.keepFor = settings.traces().keepFor();
    }

    /** A shipped span (JSON of {@link SpanRecord}) into the run's trace; one that is not a run's, or not a span, is dropped. */
    @WithTransaction
    public Uni<Void> record(String json) {
        SpanRecord span;
        try {
            span = JSON.readValue(json, SpanRecord.class);
        } catch (JsonProcessingException e) {
            LOG.debugf("not a span, dropped: %s", e.getOriginalMessage());
            return Uni.createFrom().voidItem();
        }
        if (span.runId() == null || span.spanId() == null || span.traceId() == null) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        Uni<Void> added = traces.add(entity(span, now));
        Instant due = nextPrune.get();
        if (now.isAfter(due) && nextPrune.compareAndSet(due, now.plus(PRUNE_EVERY))) {
            added = added.chain(() -> traces.pruneBefore(now.minus(keepFor))).replaceWithVoid();
        }
        return added;
    }

    /** The run's trace; no spans when none were kept. */
    @WithSession
    public Uni<RunTrace> ofRun(String runId) {
        return traces.ofRun(runId).map(spans -> RunTrace.of(runId, spans));
    }

    private static TraceSpanEntity entity(SpanRecord span, Instant receivedAt) {
        TraceSpanEntity entity = new TraceSpanEntity();
        entity.spanId = span.spanId();
        entity.traceId = span.traceId();
        entity.parentSpanId = span.parentSpanId();
        entity.runId = span.runId();
        entity.service = span.service();
        entity.name = span.name();
        entity.kind = span.kind();
        entity.startMicros = span.startMicros();
        entity.endMicros = span.endMicros();
        entity.error = span.error();
        try {
            entity.attributes = JSON.writeValueAsString(span.attributes() == null ? Map.of() : span.attributes());
        } catch (JsonProcessingException e) {
            entity.attributes = "{}";
        }
        entity.receivedAt = receivedAt;
        return entity;
    }
}

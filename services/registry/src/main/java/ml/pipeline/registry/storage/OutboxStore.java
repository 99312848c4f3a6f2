package ml.pipeline.registry.storage;

import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import ml.pipeline.events.EventMetas;
import ml.pipeline.events.Topic;
import ml.pipeline.services.tracing.TraceHeaders;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The registry's outbox: an event is written in the transaction that decided it, as Avro binary
 * of its class's schema with the trace it continues, and marked sent once the broker has it.
 * Keyed by the event's id, so an event is owed once, whoever sends it.
 */
@ApplicationScoped
public class OutboxStore {
    private static final String UNSENT = """
            SELECT * FROM outbox WHERE sent_at IS NULL AND created_at < :before
            ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED""";

    /** An owed event and the trace it continues. */
    public record Owed(SpecificRecord event, Context trace) {
    }

    private final TraceHeaders traces;

    public OutboxStore(TraceHeaders traces) {
        this.traces = traces;
    }

    /** Owes the event, in the current trace; the caller's transaction commits it with the decision that made it. */
    public Uni<Void> add(SpecificRecord event) {
        OutboxEntity entry = new OutboxEntity();
        entry.traceContext = traces.write(Context.current());
        entry.eventId = EventMetas.of(event).getEventId();
        entry.topic = Topic.of(event.getClass()).topicName();
        entry.payload = encode(event);
        entry.createdAt = Instant.now();
        return entry.persist().replaceWithVoid();
    }

    public Uni<Void> markSent(String eventId) {
        return OutboxEntity.update("sentAt = ?1 where eventId = ?2 and sentAt is null", Instant.now(), eventId)
                .replaceWithVoid();
    }

    /** Events owed since before {@code before}, locked for this transaction; other relays skip them. */
    public Uni<List<OutboxEntity>> unsent(Instant before, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(UNSENT, OutboxEntity.class)
                .setParameter("before", before).setParameter("limit", limit).getResultList());
    }

    public Owed owed(OutboxEntity entry) {
        return new Owed(decode(entry), traces.read(entry.traceContext));
    }

    @SuppressWarnings("unchecked")
    static SpecificRecord decode(OutboxEntity entry) {
        Class<? extends SpecificRecord> type = Topic.byName(entry.topic)
                .orElseThrow(() -> new IllegalStateException("the outbox holds an event for unknown topic " + entry.topic))
                .eventClass();
        try {
            return new SpecificDatumReader<SpecificRecord>((Class<SpecificRecord>) type)
                    .read(null, DecoderFactory.get().binaryDecoder(entry.payload, null));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable outbox entry " + entry.eventId, e);
        }
    }

    private static byte[] encode(SpecificRecord event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            new SpecificDatumWriter<SpecificRecord>(event.getSchema()).write(event, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + event.getSchema().getName(), e);
        }
        return bytes.toByteArray();
    }
}

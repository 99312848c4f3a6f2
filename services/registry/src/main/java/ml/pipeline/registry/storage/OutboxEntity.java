package ml.pipeline.registry.storage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An event the registry decided to emit: its Avro bytes, and when it was sent (null: not yet). */
@Entity
@Table(name = "outbox")
public class OutboxEntity extends PanacheEntityBase {
    @Id
    @Column(name = "event_id")
    public String eventId;
    public String topic;
    public byte[] payload;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;
    /** The trace the event continues (TraceHeaders); null for an entry from before traces. */
    @Column(name = "trace_context")
    public String traceContext;
}

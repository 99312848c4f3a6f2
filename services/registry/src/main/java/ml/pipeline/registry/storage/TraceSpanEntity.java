package ml.pipeline.registry.storage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A span of a run, as a service shipped it; written by {@link TraceStore}. Times in microseconds since the epoch. */
@Entity
@Table(name = "trace_spans")
public class TraceSpanEntity extends PanacheEntityBase {
    @Id
    @Column(name = "span_id")
    public String spanId;
    @Column(name = "trace_id")
    public String traceId;
    @Column(name = "parent_span_id")
    public String parentSpanId;
    @Column(name = "run_id")
    public String runId;
    public String service;
    public String name;
    public String kind;
    @Column(name = "start_micros")
    public long startMicros;
    @Column(name = "end_micros")
    public long endMicros;
    public boolean error;
    /** The span's attributes, as a JSON object of strings. */
    public String attributes;
    @Column(name = "received_at")
    public Instant receivedAt;
}

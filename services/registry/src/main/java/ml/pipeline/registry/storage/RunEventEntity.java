package ml.pipeline.registry.storage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One event of a run's timeline; written by {@link RunStore}. */
@Entity
@Table(name = "run_events")
public class RunEventEntity extends PanacheEntityBase {
    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "run_id")
    public String runId;
    public String topic;
    public String producer;
    @Column(name = "causation_id")
    public String causationId;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public String summary;
}

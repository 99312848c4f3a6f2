package ml.pipeline.registry.storage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Where a failed run's stage gave up: the record of the event it could not process. */
@Entity
@Table(name = "run_failures")
public class RunFailureEntity extends PanacheEntityBase {
    @Id
    @Column(name = "run_id")
    public String runId;
    public String stage;
    @Column(name = "cause_topic")
    public String causeTopic;
    @Column(name = "cause_partition")
    public int causePartition;
    @Column(name = "cause_offset")
    public long causeOffset;
    @Column(name = "failed_at")
    public Instant failedAt;
}

package ml.pipeline.registry.storage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Who moved an alias from which version to which (null: removed), when and why, and the event it emitted. */
@Entity
@Table(name = "alias_changes")
public class AliasChangeEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String model;
    public String alias;
    public Integer version;
    @Column(name = "previous_version")
    public Integer previousVersion;
    @Column(name = "changed_by")
    public String changedBy;
    public String reason;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "changed_at")
    public Instant changedAt;
}

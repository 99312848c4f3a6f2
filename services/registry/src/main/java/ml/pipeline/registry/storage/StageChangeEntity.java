package ml.pipeline.registry.storage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import ml.pipeline.core.spec.ModelStage;

/** Who moved which version to which stage, when and why, and the ModelPromoted it emitted (if any). */
@Entity
@Table(name = "stage_changes")
public class StageChangeEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String model;
    public int version;
    @Column(name = "from_stage")
    public ModelStage fromStage;
    @Column(name = "to_stage")
    public ModelStage toStage;
    @Column(name = "changed_by")
    public String changedBy;
    public String reason;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "changed_at")
    public Instant changedAt;
    /** For an automatic promotion to production: the version it replaced after beating it (null: none). */
    @Column(name = "compared_with")
    public Integer comparedWith;
    /** A move to canary: the share of the traffic it was given. */
    @Column(name = "traffic_share")
    public Double trafficShare;
}

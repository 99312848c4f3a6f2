package ml.pipeline.registry.storage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An experiment: a name its pipeline's training runs are grouped under. */
@Entity
@Table(name = "experiments")
public class ExperimentEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String pipeline;
    public String name;
    @Column(name = "created_at")
    public Instant createdAt;
}

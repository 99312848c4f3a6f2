package ml.pipeline.registry.storage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One checkpoint's metrics (every one of them, as JSON text) in a training run's history. */
@Entity
@Table(name = "training_metrics")
public class TrainingMetricEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "training_run_id")
    public String trainingRunId;
    public long step;
    public int epoch;
    public String metrics;
    @Column(name = "parameters_sha256")
    public String parametersSha256;
    @Column(name = "recorded_at")
    public Instant recordedAt;
}

package ml.pipeline.registry.storage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One training run as the experiment tracker records it (JSON columns as text); written by
 * {@link TrackingStore}. {@code status}: running, completed, early_stopped or halved.
 */
@Entity
@Table(name = "training_runs")
public class TrainingRunEntity extends PanacheEntityBase {
    @Id
    @Column(name = "training_run_id")
    public String trainingRunId;
    @Column(name = "run_id")
    public String runId;
    public String pipeline;
    public String experiment;
    @Column(name = "model_name")
    public String modelName;
    @Column(name = "search_id")
    public String searchId;
    public int trial;
    public int trials;
    public String status;
    public String hyperparameters;
    public String environment;
    @Column(name = "code_version")
    public String codeVersion;
    public String device;
    @Column(name = "dataset_name")
    public String datasetName;
    @Column(name = "dataset_version")
    public String datasetVersion;
    @Column(name = "spec_uri")
    public String specUri;
    @Column(name = "spec_hash")
    public String specHash;
    @Column(name = "transform_version")
    public String transformVersion;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "ended_at")
    public Instant endedAt;
    @Column(name = "last_step")
    public long lastStep;
    @Column(name = "last_epoch")
    public int lastEpoch;
    @Column(name = "last_metrics")
    public String lastMetrics;
    @Column(name = "best_step")
    public Long bestStep;
    @Column(name = "best_metric")
    public String bestMetric;
    @Column(name = "best_value")
    public Double bestValue;
    @Column(name = "best_uri")
    public String bestUri;
    public boolean winner;
    @Column(name = "dataset_uri")
    public String datasetUri;
    /** The training run this one trains again (a reproduction); null for an ordinary run. */
    public String reproduces;
}

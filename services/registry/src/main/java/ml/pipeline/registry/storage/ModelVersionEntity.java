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

/** A registered model version: one per training run whose candidate passed its gate. */
@Entity
@Table(name = "model_versions")
public class ModelVersionEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String model;
    public int version;
    public String pipeline;
    @Column(name = "run_id")
    public String runId;
    @Column(name = "training_run_id")
    public String trainingRunId;
    @Column(name = "dataset_name")
    public String datasetName;
    @Column(name = "dataset_version")
    public String datasetVersion;
    @Column(name = "dataset_uri")
    public String datasetUri;
    @Column(name = "spec_uri")
    public String specUri;
    @Column(name = "spec_hash")
    public String specHash;
    @Column(name = "transform_version")
    public String transformVersion;
    public ModelStage stage;
    /** The share of the traffic it serves as a canary; null at every other stage. */
    @Column(name = "traffic_share")
    public Double trafficShare;
    /** Holdout metrics, as JSON. */
    public String metrics;
    @Column(name = "artifact_uri")
    public String artifactUri;
    @Column(name = "transform_uri")
    public String transformUri;
    @Column(name = "report_uri")
    public String reportUri;
    @Column(name = "created_at")
    public Instant createdAt;
}

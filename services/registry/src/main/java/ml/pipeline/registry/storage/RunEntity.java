package ml.pipeline.registry.storage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import ml.pipeline.core.run.RunStatus;

/** One pipeline run, from publish to promotion or the stage that ended it; written by {@link RunStore}. */
@Entity
@Table(name = "runs")
public class RunEntity extends PanacheEntityBase {
    @Id
    @Column(name = "run_id")
    public String runId;
    public String pipeline;
    @Column(name = "dataset_name")
    public String datasetName;
    @Column(name = "dataset_version")
    public String datasetVersion;
    @Column(name = "spec_hash")
    public String specHash;
    public RunStatus status;
    @Column(name = "last_stage")
    public String lastStage;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}

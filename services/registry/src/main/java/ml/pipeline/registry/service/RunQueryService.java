package ml.pipeline.registry.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import ml.pipeline.registry.domain.Lineage;
import ml.pipeline.registry.domain.RunDetails;
import ml.pipeline.registry.domain.StageHistoryEntry;
import ml.pipeline.registry.storage.ModelVersionEntity;
import ml.pipeline.registry.storage.ModelVersionStore;
import ml.pipeline.registry.storage.RunEntity;
import ml.pipeline.registry.storage.RunStore;

/** What the registry knows, for its API: runs, their timelines and lineage, model versions. */
@ApplicationScoped
public class RunQueryService {
    private final RunStore runs;
    private final ModelVersionStore versions;

    public RunQueryService(RunStore runs, ModelVersionStore versions) {
        this.runs = runs;
        this.versions = versions;
    }

    @WithSession
    public Uni<List<RunEntity>> runsOf(String pipeline) {
        return runs.runsOf(pipeline);
    }

    @WithSession
    public Uni<List<ModelVersionEntity>> versionsOfPipeline(String pipeline) {
        return versions.versionsOfPipeline(pipeline);
    }

    @WithSession
    public Uni<List<ModelVersionEntity>> versionsOf(String model) {
        return versions.versionsOf(model);
    }

    /** Every stage change of the model, oldest first. */
    @WithSession
    public Uni<List<StageHistoryEntry>> history(String model) {
        return versions.history(model).map(changes -> changes.stream().map(c -> new StageHistoryEntry(c.version, c.fromStage,
                c.toStage, c.changedBy, c.reason, c.changedAt, c.comparedWith)).toList());
    }

    /** The version that was in production at {@code at}; null when none was. */
    @WithSession
    public Uni<ModelVersionEntity> productionAt(String model, Instant at) {
        return versions.productionAt(model, at).chain(version -> version == null ? Uni.createFrom().nullItem()
                : versions.find(model, version));
    }

    /** Null when the registry has no such run. */
    @WithSession
    public Uni<RunDetails> run(String runId) {
        return runs.run(runId).chain(run -> run == null ? Uni.createFrom().nullItem()
                : runs.timeline(runId).chain(timeline -> versions.findByRun(runId)
                        .map(version -> new RunDetails(run, timeline, lineage(run, version)))));
    }

    /** From the model version back to the bytes it was trained on. */
    static Lineage lineage(RunEntity run, ModelVersionEntity version) {
        if (version == null) {
            return new Lineage(run.datasetName, run.datasetVersion, run.specHash, null, null, null, null, null, null, null);
        }
        return new Lineage(run.datasetName, run.datasetVersion, run.specHash, version.transformVersion, version.trainingRunId,
                version.model, version.version, version.stage, version.artifactUri, version.reportUri);
    }
}

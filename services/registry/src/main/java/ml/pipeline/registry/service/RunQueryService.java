package ml.pipeline.registry.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import ml.pipeline.core.promotion.ModelUri;
import ml.pipeline.registry.domain.Lineage;
import ml.pipeline.registry.domain.ModelHistoryEntry;
import ml.pipeline.registry.domain.RunDetails;
import ml.pipeline.registry.storage.ModelAliasEntity;
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

    /** Every stage change and alias move of the model, oldest first. */
    @WithSession
    public Uni<List<ModelHistoryEntry>> history(String model) {
        return versions.history(model).chain(stages -> versions.aliasHistory(model).map(aliases -> {
            List<ModelHistoryEntry> entries = new ArrayList<>();
            stages.forEach(c -> entries.add(ModelHistoryEntry.stage(c.version, c.fromStage, c.toStage, c.trafficShare,
                    c.changedBy, c.reason, c.changedAt, c.comparedWith)));
            aliases.forEach(c -> entries.add(ModelHistoryEntry.alias(c.alias, c.version, c.previousVersion, c.changedBy,
                    c.reason, c.changedAt)));
            entries.sort(ModelHistoryEntry.OLDEST_FIRST);
            return entries;
        }));
    }

    @WithSession
    public Uni<List<ModelAliasEntity>> aliasesOf(String model) {
        return versions.aliasesOf(model);
    }

    /** The version a model uri names (by alias, number or stage), or null when it names none. */
    @WithSession
    public Uni<ModelVersionEntity> resolve(ModelUri uri) {
        if (uri.alias() != null) {
            return versions.alias(uri.model(), uri.alias()).chain(alias -> alias == null ? Uni.createFrom().nullItem()
                    : versions.find(uri.model(), alias.version));
        }
        return uri.version() != null ? versions.find(uri.model(), uri.version()) : versions.holderOf(uri.model(), uri.stage());
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

package ml.pipeline.registry.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import ml.pipeline.core.run.RunReuse;
import ml.pipeline.core.run.RunStatus;
import ml.pipeline.registry.domain.RunClaim;
import ml.pipeline.registry.storage.ModelVersionStore;
import ml.pipeline.registry.storage.RunClaimStore;
import ml.pipeline.registry.storage.RunStore;

/**
 * "Already run, or running": ingest asks before it starts a run, and the registry, which knows
 * every run, answers under the claim's lock ({@link RunReuse} decides). A started run's id is
 * the one ingest puts on its DatasetPublished.
 */
@ApplicationScoped
public class RunClaimService {
    private final RunClaimStore claims;
    private final RunStore runs;
    private final ModelVersionStore versions;

    public RunClaimService(RunClaimStore claims, RunStore runs, ModelVersionStore versions) {
        this.claims = claims;
        this.runs = runs;
        this.versions = versions;
    }

    public Uni<RunClaim> claim(String pipeline, String datasetVersion, String specHash, boolean force) {
        String candidate = UUID.randomUUID().toString();
        return Panache.withTransaction(() -> claims.claim(pipeline, datasetVersion, specHash, candidate).chain(holder -> {
            if (holder.equals(candidate)) {
                return Uni.createFrom().item(RunClaim.started(candidate));
            }
            return runs.run(holder).chain(run -> {
                RunStatus status = run == null ? null : run.status;
                return switch (RunReuse.decide(true, status, force)) {
                    case STARTED -> claims.reassign(pipeline, datasetVersion, specHash, candidate)
                            .replaceWith(RunClaim.started(candidate));
                    case RUNNING -> Uni.createFrom().item(RunClaim.running(holder, status));
                    case DONE -> done(holder, status, pipeline, datasetVersion, specHash);
                };
            });
        }));
    }

    /**
     * The version these inputs produced (registered by this run or, for a run whose training run
     * was registered before, by an earlier one) and, for a run that ended without one, its last word.
     */
    private Uni<RunClaim> done(String runId, RunStatus status, String pipeline, String datasetVersion, String specHash) {
        return versions.findByRun(runId)
                .chain(own -> own != null ? Uni.createFrom().item(own) : versions.findByInputs(pipeline, datasetVersion, specHash))
                .chain(version -> version != null
                ? Uni.createFrom().item(RunClaim.done(runId, status, version.version, version.stage, null))
                : runs.timeline(runId).map(timeline -> RunClaim.done(runId, status, null, null,
                        timeline.isEmpty() ? null : timeline.getLast().summary)));
    }
}

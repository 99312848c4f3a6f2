package ml.pipeline.registry.consume;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.stream.Collectors;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.DatasetRejected;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.StageFailed;
import ml.pipeline.events.Topic;
import ml.pipeline.registry.domain.Promotions;
import ml.pipeline.registry.domain.RunTimeline;
import ml.pipeline.registry.domain.RunTimeline.RunUpdate;
import ml.pipeline.services.spec.SpecSnapshots;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Every event of every run into the timeline; a passing ModelEvaluated also registered and, by policy, promoted. */
@ApplicationScoped
public class EventProjection {
    static final String RUNNING = "running";

    private final RunTimeline timeline;
    private final Promotions promotions;
    private final SpecSnapshots specs;
    private final PromotionEvents promoted;

    public EventProjection(RunTimeline timeline, Promotions promotions, SpecSnapshots specs, PromotionEvents promoted) {
        this.timeline = timeline;
        this.promotions = promotions;
        this.specs = specs;
        this.promoted = promoted;
    }

    @Incoming(Topic.Names.DATASETS_PUBLISHED)
    @WithTransaction
    public Uni<Void> onPublished(DatasetPublished e) {
        return timeline.record(Topic.Names.DATASETS_PUBLISHED, e.getMeta(),
                "published " + e.getDataset().getName() + "@" + e.getDataset().getVersion().substring(0, 12) + " ("
                        + e.getRows() + " rows, " + e.getSource() + ")",
                new RunUpdate(RUNNING, "ingest", e.getDataset().getName(), e.getDataset().getVersion(), e.getSpec().getHash()));
    }

    @Incoming(Topic.Names.DATASETS_VALIDATED)
    @WithTransaction
    public Uni<Void> onValidated(DatasetValidated e) {
        return timeline.record(Topic.Names.DATASETS_VALIDATED, e.getMeta(), "validated: " + e.getQuality().get("rows").longValue()
                + " rows, " + e.getWarnings().size() + " warning(s)", new RunUpdate(RUNNING, "validate", null, null, null));
    }

    @Incoming(Topic.Names.DATASETS_REJECTED)
    @WithTransaction
    public Uni<Void> onRejected(DatasetRejected e) {
        return timeline.record(Topic.Names.DATASETS_REJECTED, e.getMeta(), "rejected: " + e.getReasons().stream()
                        .map(r -> r.getCode() + (r.getColumn() == null ? "" : "(" + r.getColumn() + ")"))
                        .collect(Collectors.joining(", ")),
                new RunUpdate("rejected", "validate", null, null, null));
    }

    @Incoming(Topic.Names.FEATURES_READY)
    @WithTransaction
    public Uni<Void> onFeatures(FeaturesReady e) {
        return timeline.record(Topic.Names.FEATURES_READY, e.getMeta(), "features " + e.getFeatures().getTransformVersion()
                .substring(0, 12) + ": " + e.getFeatureNames().size() + " features", new RunUpdate(RUNNING, "features", null, null, null));
    }

    @Incoming(Topic.Names.CHECKPOINTS_WRITTEN)
    @WithTransaction
    public Uni<Void> onCheckpoint(CheckpointWritten e) {
        return timeline.record(Topic.Names.CHECKPOINTS_WRITTEN, e.getMeta(), (e.getFinalCheckpoint() ? "final checkpoint" : "checkpoint")
                        + " step " + e.getStep() + " of " + e.getTrainingRunId() + " on " + e.getDevice() + " " + e.getMetrics(),
                new RunUpdate(RUNNING, "trainer", null, null, null));
    }

    @Incoming(Topic.Names.MODELS_PROMOTED)
    @WithTransaction
    public Uni<Void> onPromoted(ModelPromoted e) {
        return timeline.record(Topic.Names.MODELS_PROMOTED, e.getMeta(), e.getModelName() + " v" + e.getVersion() + " -> "
                + e.getStage() + " (" + e.getReason() + ")", new RunUpdate("promoted", "registry", null, null, null));
    }

    @Incoming(Topic.Names.PIPELINE_FAILURES)
    @WithTransaction
    public Uni<Void> onFailure(StageFailed e) {
        return timeline.record(Topic.Names.PIPELINE_FAILURES, e.getMeta(), e.getStage() + " failed after " + e.getAttempts()
                + " attempt(s): " + e.getMessage(), new RunUpdate("failed", e.getStage(), null, null, null));
    }

    /**
     * Recorded like the others; if it passed, registered and perhaps promoted in the same
     * transaction, and the ModelPromoted emitted once that transaction committed.
     */
    @Incoming(Topic.Names.MODELS_EVALUATED)
    public Uni<Void> onEvaluated(ModelEvaluated e) {
        Context context = Vertx.currentContext();
        // The spec snapshot comes from the object store, whose client blocks: read it on a worker.
        return Uni.createFrom().item(() -> specs.load(e.getSpec()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .chain(spec -> Panache.withTransaction(() -> timeline.record(Topic.Names.MODELS_EVALUATED, e.getMeta(),
                                (e.getPassed() ? "passed" : "refused") + " the gate: " + e.getChecks().stream()
                                        .filter(c -> !c.getPassed()).map(c -> c.getName() + " (" + c.getReason() + ")")
                                        .collect(Collectors.joining("; ")),
                                new RunUpdate(e.getPassed() ? "evaluated" : "refused", "evaluator", null, null, null))
                        .chain(() -> promotions.onEvaluated(e, spec))))
                .chain(event -> event == null ? Uni.createFrom().voidItem()
                        : promoted.send(event));
    }
}

package ml.pipeline.registry.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import ml.pipeline.core.promotion.PromotionDecision;
import ml.pipeline.core.spec.ModelStage;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.EventMetas;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.registry.domain.TimelineEntries;
import ml.pipeline.registry.events.PromotionEvents;
import ml.pipeline.registry.storage.ModelVersionEntity;
import ml.pipeline.registry.storage.ModelVersionStore;
import ml.pipeline.registry.storage.RunStore;
import ml.pipeline.services.messaging.EventSender;
import ml.pipeline.services.spec.SpecSnapshots;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Registers a candidate that passed its gate as the model's next version (once per training run)
 * and, when the pipeline's policy says so, promotes it; moves versions between stages by hand.
 * A promotion archives the version that held the stage, records who and why, and is announced
 * as ModelPromoted once its transaction has committed.
 */
@ApplicationScoped
public class PromotionService {
    /**
     * ModelPromoted leaves on a channel of its own: the registry also reads models.promoted (into
     * its timeline), and a channel is either read or written (configured in application.properties).
     */
    static final String PROMOTIONS_CHANNEL = "promotions-out";
    static final String BY_HAND = "api";
    static final String NO_REASON = "set by hand";

    private final RunStore runs;
    private final ModelVersionStore versions;
    private final SpecSnapshots specs;
    private final EventMetas metas;
    private final EventSender sender;
    private final MutinyEmitter<ModelPromoted> promotions;

    public PromotionService(RunStore runs, ModelVersionStore versions, SpecSnapshots specs, EventMetas metas,
            EventSender sender, @Channel(PROMOTIONS_CHANNEL) MutinyEmitter<ModelPromoted> promotions) {
        this.runs = runs;
        this.versions = versions;
        this.specs = specs;
        this.metas = metas;
        this.sender = sender;
        this.promotions = promotions;
    }

    /** A stage set by hand: the version, its stage now, and the one it replaced (0 for none). */
    public record StageChange(String model, int version, ModelStage stage, int previousVersion) {
    }

    /**
     * Records the evaluation in its run's timeline and, in the same transaction, registers and
     * perhaps promotes the candidate, as {@link PromotionDecision} says.
     */
    public Uni<Void> onEvaluated(ModelEvaluated event) {
        Context context = Vertx.currentContext();
        // The spec snapshot comes from the object store, whose client blocks: read it on a worker.
        return Uni.createFrom().item(() -> specs.load(event.getSpec()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .chain(spec -> Panache.withTransaction(() -> runs.record(TimelineEntries.of(event))
                        .chain(() -> registerAndPromote(event, spec))))
                .chain(this::announce);
    }

    /** Moves a version to a stage by hand (the manual policy, or a rollback). Null when there is no such version. */
    public Uni<StageChange> setStage(String model, int version, ModelStage stage, String by, String reason) {
        String who = by == null || by.isBlank() ? BY_HAND : by;
        String why = reason == null || reason.isBlank() ? NO_REASON : reason;
        return Panache.withTransaction(() -> versions.find(model, version)
                        .chain(found -> found == null ? Uni.createFrom().nullItem() : promote(found, stage, who, why, null)))
                .chain(promoted -> promoted == null ? Uni.createFrom().nullItem() : announce(promoted)
                        .replaceWith(new StageChange(model, version, stage,
                                promoted.getPreviousVersion() == null ? 0 : promoted.getPreviousVersion())));
    }

    /** Null when nothing is to be announced: a refused candidate, a manual policy, or one registered before. */
    private Uni<ModelPromoted> registerAndPromote(ModelEvaluated event, PipelineSpec spec) {
        return versions.findByTrainingRun(event.getCandidate().getName(), event.getCandidate().getTrainingRunId())
                .chain(existing -> {
                    PromotionDecision decision = PromotionDecision.of(event.getPassed(), existing != null, spec.promotion(),
                            event.getChecks().size());
                    if (!decision.registers()) {
                        return Uni.createFrom().nullItem();
                    }
                    return versions.register(event).chain(version -> decision.promotes()
                            ? promote(version, decision.stage(), PromotionDecision.BY_POLICY, decision.reason(), event.getMeta())
                            : Uni.createFrom().nullItem());
                });
    }

    /** Archives the stage's holder, moves the version, and returns the ModelPromoted to announce after commit. */
    private Uni<ModelPromoted> promote(ModelVersionEntity version, ModelStage stage, String by, String reason, EventMeta cause) {
        return versions.holderOf(version.model, stage, version.version).chain(previous -> {
            Uni<Void> archive = previous == null ? Uni.createFrom().voidItem()
                    : versions.changeStage(previous, ModelStage.ARCHIVED, by, PromotionDecision.replacedBy(version.version), null);
            ModelPromoted promoted = PromotionEvents.modelPromoted(metaFor(version, cause), version, stage, previous, reason, by);
            return archive.chain(() -> versions.changeStage(version, stage, by, reason, promoted.getMeta().getEventId()))
                    .replaceWith(promoted);
        });
    }

    /** Caused by the evaluation; a promotion by hand belongs to the run that produced the version. */
    private EventMeta metaFor(ModelVersionEntity version, EventMeta cause) {
        if (cause != null) {
            return metas.causedBy(cause);
        }
        EventMeta meta = metas.startRun(version.pipeline);
        meta.setRunId(version.runId);
        return meta;
    }

    private Uni<Void> announce(ModelPromoted promoted) {
        return promoted == null ? Uni.createFrom().voidItem() : sender.sendAsync(promotions, promoted);
    }
}

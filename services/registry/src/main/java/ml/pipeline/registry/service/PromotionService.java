package ml.pipeline.registry.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import ml.pipeline.core.Texts;
import ml.pipeline.core.access.Role;
import ml.pipeline.core.notify.AlertKind;
import ml.pipeline.core.promotion.PromotionDecision;
import ml.pipeline.core.run.RunStatus;
import ml.pipeline.core.spec.ModelStage;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.spec.PromotionPolicy;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.EventMetas;
import ml.pipeline.events.ModelAliasChanged;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.registry.domain.TimelineEntries;
import ml.pipeline.registry.events.PromotionEvents;
import ml.pipeline.registry.storage.ModelLocks;
import ml.pipeline.registry.storage.ModelVersionEntity;
import ml.pipeline.registry.storage.ModelVersionStore;
import ml.pipeline.registry.storage.OutboxStore;
import ml.pipeline.registry.storage.RunStore;
import ml.pipeline.services.api.Caller;
import ml.pipeline.services.spec.SpecSnapshots;
import org.apache.avro.specific.SpecificRecord;

/**
 * Registers a candidate that passed its gate as the model's next version (once per training run)
 * and, when the pipeline's policy says so, promotes it to the policy's stage; moves versions
 * between stages and aliases between versions by hand.
 * Every decision is taken under the model's lock ({@link ModelLocks}), so production is a
 * compare-and-set: a candidate replaces production only if the version it beat is still there,
 * else it is evaluated again ({@link PromotionDecision}). What a decision announces (ModelPromoted,
 * EvaluationRequested) goes into the outbox in the same transaction and is sent after commit.
 */
@ApplicationScoped
public class PromotionService {
    static final String NO_REASON = "set by hand";
    /** The reason a rollback is recorded with (and the user's words after it); alerts tell a rollback by it. */
    public static final String ROLLBACK = AlertKind.ROLLBACK_REASON;

    private final RunStore runs;
    private final ModelVersionStore versions;
    private final ModelLocks locks;
    private final OutboxStore outbox;
    private final Announcer announcer;
    private final SpecSnapshots specs;
    private final EventMetas metas;

    public PromotionService(RunStore runs, ModelVersionStore versions, ModelLocks locks, OutboxStore outbox,
            Announcer announcer, SpecSnapshots specs, EventMetas metas) {
        this.runs = runs;
        this.versions = versions;
        this.locks = locks;
        this.outbox = outbox;
        this.announcer = announcer;
        this.specs = specs;
        this.metas = metas;
    }

    /**
     * A stage set by hand: the version, its stage now (and share of traffic, a canary), the one it
     * replaced (0 for none), and whether anything changed (not when it was there already).
     */
    public record StageChange(String model, int version, ModelStage stage, Double trafficShare, int previousVersion,
            boolean changed) {
        static StageChange of(ModelPromoted promoted) {
            return new StageChange(promoted.getModelName(), promoted.getVersion(), ModelStage.named(promoted.getStage()),
                    promoted.getTrafficShare(), promoted.getPreviousVersion() == null ? 0 : promoted.getPreviousVersion(), true);
        }

        static StageChange unchanged(ModelVersionEntity version) {
            return new StageChange(version.model, version.version, version.stage, version.trafficShare, 0, false);
        }
    }

    /** An alias moved: the version it names now (null: removed) and the one it named before (null: none). */
    public record AliasChange(String model, String alias, Integer version, Integer previousVersion) {
    }

    /**
     * Records the evaluation in its run's timeline and, in the same transaction and under the
     * model's lock, decides: register, promote, evaluate again, or nothing (always nothing for a
     * cancelled run).
     */
    public Uni<Void> onEvaluated(ModelEvaluated event) {
        Context context = Vertx.currentContext();
        // The spec snapshot comes from the object store, whose client blocks: read it on a worker.
        return Uni.createFrom().item(() -> specs.load(event.getSpec()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .chain(spec -> Panache.withTransaction(() -> runs.record(TimelineEntries.of(event))
                        .chain(() -> runs.run(event.getMeta().getRunId()))
                        .chain(run -> event.getPassed() && (run == null || run.status != RunStatus.CANCELLED)
                                ? decide(event, spec) : Uni.createFrom().item(List.<SpecificRecord>of()))))
                .chain(announcer::announceCommitted);
    }

    /**
     * Moves a version to a stage by hand (beyond the policy's stage, or a manual policy); a canary
     * serves {@code trafficShare} (default {@link PromotionPolicy#DEFAULT_CANARY_SHARE}). Decided
     * under the model's lock, where the version's stage is known: into or out of a stage that
     * serves traffic needs an approver ({@link Role#mayMove}). Null when there is no such version.
     */
    public Uni<StageChange> setStage(String model, int version, ModelStage stage, Double trafficShare, Caller caller,
            String reason) {
        String why = Texts.orElse(reason, NO_REASON);
        Double share = stage != ModelStage.CANARY ? null : trafficShare == null ? PromotionPolicy.DEFAULT_CANARY_SHARE : trafficShare;
        return Panache.withTransaction(() -> locks.lock(model)
                        .chain(() -> versions.find(model, version))
                        .chain(found -> {
                            if (found == null) {
                                return Uni.createFrom().<StageMove>nullItem();
                            }
                            caller.require(Role.mayMove(found.stage, stage), "moving version " + version + " from "
                                    + found.stage + " to " + stage);
                            if (found.stage == stage && Objects.equals(found.trafficShare, share)) {
                                return Uni.createFrom().item(new StageMove(StageChange.unchanged(found)));
                            }
                            return promote(found, stage, share, caller.subject(), why, null, null).map(StageMove::new);
                        }))
                // Announced once committed, as every decision.
                .chain(move -> move == null || move.promoted() == null ? Uni.createFrom().item(move == null ? null : move.unchanged())
                        : announcer.announceCommitted(List.of(move.promoted())).replaceWith(StageChange.of(move.promoted())));
    }

    /**
     * Points {@code alias} at {@code version}, or removes it when {@code version} is null; emits
     * ModelAliasChanged with the version it named before. Null when there is no such version (or,
     * removing, no such alias); an alias already on that version is left as it is, and not announced.
     */
    public Uni<AliasChange> moveAlias(String model, String alias, Integer version, Caller caller, String reason) {
        String who = caller.subject();
        String why = Texts.orElse(reason, NO_REASON);
        return Panache.withTransaction(() -> locks.lock(model)
                        .chain(() -> versions.alias(model, alias))
                        .chain(current -> (version == null ? versions.find(model, current == null ? -1 : current.version)
                                : versions.find(model, version))
                                .chain(target -> {
                                    if (target == null || version == null && current == null) {
                                        return Uni.createFrom().<AliasMove>nullItem();
                                    }
                                    if (current != null && version != null && current.version == version) {
                                        return Uni.createFrom().item(new AliasMove(null,
                                                new AliasChange(model, alias, version, version)));
                                    }
                                    ModelAliasChanged event = PromotionEvents.aliasChanged(metaFor(target, null), target, alias,
                                            version != null, current == null ? null : current.version, why, who);
                                    return versions.moveAlias(model, alias, current, version, who, why, event.getMeta().getEventId())
                                            .chain(() -> outbox.add(event))
                                            .replaceWith(new AliasMove(event, new AliasChange(model, alias, version,
                                                    event.getPreviousVersion())));
                                })))
                .chain(move -> move == null ? Uni.createFrom().nullItem()
                        : announcer.announceCommitted(move.event() == null ? List.of() : List.of(move.event()))
                                .replaceWith(move.change()));
    }

    private record AliasMove(ModelAliasChanged event, AliasChange change) {
    }

    /** What a stage set by hand did inside its transaction: a promotion to announce, or nothing. */
    private record StageMove(ModelPromoted promoted, StageChange unchanged) {
        StageMove(ModelPromoted promoted) {
            this(promoted, null);
        }

        StageMove(StageChange unchanged) {
            this(null, unchanged);
        }
    }

    /**
     * Puts {@code version} back in production, by default the version that held it before the
     * current one. Null when the model has nothing to roll back to (or no such version).
     */
    public Uni<StageChange> rollback(String model, Integer version, Caller caller, String reason) {
        String who = caller.subject();
        String why = reason == null || reason.isBlank() ? ROLLBACK : ROLLBACK + ": " + reason;
        return Panache.withTransaction(() -> locks.lock(model)
                        .chain(() -> versions.holderOf(model, ModelStage.PRODUCTION))
                        .chain(current -> version != null ? Uni.createFrom().item(version)
                                : current == null ? Uni.createFrom().<Integer>nullItem()
                                : versions.previousProduction(model, current.version))
                        .chain(target -> target == null ? Uni.createFrom().<ModelVersionEntity>nullItem()
                                : versions.find(model, target))
                        .chain(target -> target == null ? Uni.createFrom().<ModelPromoted>nullItem()
                                : promote(target, ModelStage.PRODUCTION, null, who, why, null, null)))
                .chain(promoted -> promoted == null ? Uni.createFrom().nullItem() : announcer.announceCommitted(List.of(promoted))
                        .replaceWith(StageChange.of(promoted)));
    }

    /** Under the model's lock: what is registered and in production now decides. Returns what to announce. */
    private Uni<List<SpecificRecord>> decide(ModelEvaluated event, PipelineSpec spec) {
        String model = event.getCandidate().getName();
        return locks.lock(model)
                .chain(() -> versions.findByTrainingRun(model, event.getCandidate().getTrainingRunId()))
                .chain(existing -> versions.holderOf(model, ModelStage.PRODUCTION).chain(production -> {
                    PromotionDecision decision = PromotionDecision.of(evaluation(event), existing != null, spec.promotion(),
                            production == null ? null : production.version);
                    return carryOut(decision, spec.promotion(), event, production);
                }));
    }

    private Uni<List<SpecificRecord>> carryOut(PromotionDecision decision, PromotionPolicy policy, ModelEvaluated event,
            ModelVersionEntity production) {
        List<SpecificRecord> announced = new ArrayList<>();
        return switch (decision.action()) {
            case NOTHING -> Uni.createFrom().item(announced);
            case REGISTER -> versions.register(event).replaceWith(announced);
            case REGISTER_AND_PROMOTE -> versions.register(event)
                    .chain(version -> promote(version, decision.stage(), policy.trafficShareAt(decision.stage()),
                            PromotionDecision.BY_POLICY, decision.reason(), decision.comparedWith(), event.getMeta()))
                    .map(promoted -> {
                        announced.add(promoted);
                        return announced;
                    });
            case REEVALUATE -> {
                SpecificRecord request = PromotionEvents.evaluationRequested(metas.causedBy(event.getMeta()), event,
                        production, decision.reason());
                announced.add(request);
                yield outbox.add(request).replaceWith(announced);
            }
            case GIVE_UP -> runs.record(TimelineEntries.refusedByRegistry(metas.causedBy(event.getMeta()), decision.reason()))
                    .replaceWith(announced);
        };
    }

    /**
     * Archives the stage's holder, moves the version, and owes the ModelPromoted that announces it.
     * The caller holds the model's lock.
     */
    private Uni<ModelPromoted> promote(ModelVersionEntity version, ModelStage stage, Double trafficShare, String by,
            String reason, Integer comparedWith, EventMeta cause) {
        Uni<ModelVersionEntity> holder = !stage.isHeldByOne() ? Uni.createFrom().nullItem()
                : versions.holderOf(version.model, stage);
        return holder.chain(found -> {
            ModelVersionEntity previous = found == null || found.version == version.version ? null : found;
            Uni<Void> archive = previous == null ? Uni.createFrom().voidItem()
                    : versions.changeStage(previous, ModelStage.ARCHIVED, null, by,
                            PromotionDecision.replacedBy(version.version), null, null);
            ModelPromoted promoted = PromotionEvents.modelPromoted(metaFor(version, cause), version, stage, trafficShare, previous,
                    reason, by);
            return archive.chain(() -> versions.changeStage(version, stage, trafficShare, by, reason, comparedWith,
                            promoted.getMeta().getEventId()))
                    .chain(() -> outbox.add(promoted))
                    .replaceWith(promoted);
        });
    }

    private static PromotionDecision.Evaluation evaluation(ModelEvaluated event) {
        Integer comparedWith = event.getBaseline() == null ? null : event.getBaseline().getVersion();
        return new PromotionDecision.Evaluation(event.getPassed(), event.getChecks().size(), comparedWith, event.getAttempt());
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
}

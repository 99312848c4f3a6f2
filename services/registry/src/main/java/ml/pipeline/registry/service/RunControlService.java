package ml.pipeline.registry.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import ml.pipeline.core.Texts;
import ml.pipeline.core.run.RunStatus;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.EventMetas;
import ml.pipeline.events.RunCancelled;
import ml.pipeline.registry.domain.TimelineEntries;
import ml.pipeline.registry.storage.OutboxStore;
import ml.pipeline.registry.storage.RunEntity;
import ml.pipeline.registry.storage.RunFailureEntity;
import ml.pipeline.registry.storage.RunStore;
import ml.pipeline.services.api.Caller;

/**
 * Operating a run by hand. Cancel: the run ends {@code cancelled} at once, and RunCancelled tells
 * every stage (a training in progress stops at its next step; no stage does more for the run; the
 * registry registers nothing of it). Retry: a failed run is running again, and the event its stage
 * gave up on is sent to that stage once more.
 */
@ApplicationScoped
public class RunControlService {
    static final String NO_REASON = "cancelled by hand";

    private final RunStore runs;
    private final OutboxStore outbox;
    private final Announcer announcer;
    private final EventReplay replay;
    private final EventMetas metas;

    public RunControlService(RunStore runs, OutboxStore outbox, Announcer announcer, EventReplay replay, EventMetas metas) {
        this.runs = runs;
        this.outbox = outbox;
        this.announcer = announcer;
        this.replay = replay;
        this.metas = metas;
    }

    /** What a cancel did, or why it could not: the run's status now. */
    public record Outcome(boolean found, boolean cancelled, String runId, RunStatus status) {
    }

    public Uni<Outcome> cancel(String runId, Caller caller, String reason) {
        return Panache.withTransaction(() -> runs.run(runId).chain(run -> {
                    if (run == null) {
                        return Uni.createFrom().item(new Decided(new Outcome(false, false, runId, null), null));
                    }
                    if (run.status != RunStatus.RUNNING) {
                        return Uni.createFrom().item(new Decided(new Outcome(true, false, runId, run.status), null));
                    }
                    RunCancelled event = cancellation(run, caller.subject(), reason);
                    return outbox.add(event).chain(() -> runs.record(TimelineEntries.of(event)))
                            .replaceWith(new Decided(new Outcome(true, true, runId, RunStatus.CANCELLED), event));
                }))
                .chain(decided -> decided.announce() == null ? Uni.createFrom().item(decided.outcome())
                        : announcer.announceCommitted(List.of(decided.announce())).replaceWith(decided.outcome()));
    }

    /** What a retry did: the stage given the event again, and which event; or why it could not. */
    public record Retry(boolean found, boolean retried, String runId, RunStatus status, String stage, String topic,
            String why) {
    }

    /**
     * A failed run continues from the stage that gave up: the run is running again, and the event
     * that stage could not process is sent to it once more.
     */
    public Uni<Retry> retry(String runId, Caller caller) {
        String who = caller.subject();
        Context context = Vertx.currentContext();
        return Panache.withTransaction(() -> runs.run(runId).chain(run -> {
                    if (run == null) {
                        return Uni.createFrom().item(new Retry(false, false, runId, null, null, null, "no such run"));
                    }
                    if (run.status != RunStatus.FAILED) {
                        return Uni.createFrom().item(new Retry(true, false, runId, run.status, null, null,
                                "only a failed run can be retried"));
                    }
                    return runs.failure(runId).chain(failure -> {
                        if (failure == null || failure.causeTopic == null || failure.causeTopic.isBlank()
                                || failure.causePartition < 0) {
                            return Uni.createFrom().item(new Retry(true, false, runId, run.status, null, null,
                                    "its failure did not say which event the stage gave up on: publish the dataset again"));
                        }
                        EventMeta meta = metas.startRun(run.pipeline, runId);
                        return runs.reopen(runId, failure.stage, meta.getOccurredAt())
                                .chain(() -> runs.record(TimelineEntries.retried(meta, who, failure.stage, failure.causeTopic,
                                        failure.causePartition, failure.causeOffset)))
                                .replaceWith(new Retry(true, true, runId, RunStatus.RUNNING, failure.stage,
                                        failure.causeTopic + "[" + failure.causePartition + "]@" + failure.causeOffset, null))
                                .call(() -> resend(failure, context));
                    });
                }));
    }

    /** After the run is reopened: the event again, from a worker thread (the Kafka clients block). */
    private Uni<Void> resend(RunFailureEntity failure, Context context) {
        return Uni.createFrom().item(() -> {
                    replay.resend(failure.causeTopic, failure.causePartition, failure.causeOffset);
                    return true;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .replaceWithVoid();
    }

    /** A decision and what it owes the world once committed (null: nothing). */
    private record Decided(Outcome outcome, RunCancelled announce) {
    }

    private RunCancelled cancellation(RunEntity run, String by, String reason) {
        EventMeta meta = metas.startRun(run.pipeline, run.runId);
        return RunCancelled.newBuilder().setMeta(meta)
                .setReason(Texts.orElse(reason, NO_REASON))
                .setCancelledBy(by)
                .build();
    }
}

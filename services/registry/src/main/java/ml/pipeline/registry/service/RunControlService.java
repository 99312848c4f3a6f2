package ml.pipeline.registry.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import ml.pipeline.core.run.RunStatus;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.EventMetas;
import ml.pipeline.events.RunCancelled;
import ml.pipeline.registry.domain.TimelineEntries;
import ml.pipeline.registry.storage.OutboxStore;
import ml.pipeline.registry.storage.RunEntity;
import ml.pipeline.registry.storage.RunStore;

/**
 * Operating a run by hand. Cancel: the run ends {@code cancelled} at once, and RunCancelled tells
 * every stage (a training in progress stops at its next step; no stage does more for the run; the
 * registry registers nothing of it).
 */
@ApplicationScoped
public class RunControlService {
    static final String NO_REASON = "cancelled by hand";

    private final RunStore runs;
    private final OutboxStore outbox;
    private final Announcer announcer;
    private final EventMetas metas;

    public RunControlService(RunStore runs, OutboxStore outbox, Announcer announcer, EventMetas metas) {
        this.runs = runs;
        this.outbox = outbox;
        this.announcer = announcer;
        this.metas = metas;
    }

    /** What a cancel did, or why it could not: the run's status now. */
    public record Outcome(boolean found, boolean cancelled, String runId, RunStatus status) {
    }

    public Uni<Outcome> cancel(String runId, String by, String reason) {
        return Panache.withTransaction(() -> runs.run(runId).chain(run -> {
                    if (run == null) {
                        return Uni.createFrom().item(new Decided(new Outcome(false, false, runId, null), null));
                    }
                    if (run.status != RunStatus.RUNNING) {
                        return Uni.createFrom().item(new Decided(new Outcome(true, false, runId, run.status), null));
                    }
                    RunCancelled event = cancellation(run, by, reason);
                    return outbox.add(event).chain(() -> runs.record(TimelineEntries.of(event)))
                            .replaceWith(new Decided(new Outcome(true, true, runId, RunStatus.CANCELLED), event));
                }))
                .chain(decided -> decided.announce() == null ? Uni.createFrom().item(decided.outcome())
                        : announcer.announceCommitted(List.of(decided.announce())).replaceWith(decided.outcome()));
    }

    /** A decision and what it owes the world once committed (null: nothing). */
    private record Decided(Outcome outcome, RunCancelled announce) {
    }

    private RunCancelled cancellation(RunEntity run, String by, String reason) {
        EventMeta meta = metas.startRun(run.pipeline, run.runId);
        return RunCancelled.newBuilder().setMeta(meta)
                .setReason(reason == null || reason.isBlank() ? NO_REASON : reason)
                .setCancelledBy(by == null || by.isBlank() ? PromotionService.BY_HAND : by)
                .build();
    }
}

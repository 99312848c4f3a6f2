package ml.pipeline.registry.storage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import ml.pipeline.core.run.RunStatus;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.StageFailed;
import ml.pipeline.registry.domain.RunUpdate;
import ml.pipeline.registry.domain.TimelineEntry;

/**
 * Runs and their timelines in PostgreSQL. The events of one run arrive on several topics,
 * consumed concurrently and in any order, so the writes are single atomic statements: an insert
 * that ignores duplicates, and an update that keeps what it does not know. The status only moves
 * forward ({@link RunStatus#progress()}); among statuses of one progress the latest event decides.
 * Callers hold the session (a transaction).
 */
@ApplicationScoped
public class RunStore {
    private static final String INSERT_EVENT = """
            INSERT INTO run_events (event_id, run_id, topic, producer, causation_id, occurred_at, summary)
            VALUES (:eventId, :runId, :topic, :producer, :causationId, :occurredAt, :summary)
            ON CONFLICT (event_id) DO NOTHING""";
    private static final String INSERT_RUN = """
            INSERT INTO runs (run_id, pipeline, status, status_progress, last_stage, started_at, updated_at)
            VALUES (:runId, :pipeline, :status, :progress, :stage, :occurredAt, :occurredAt)
            ON CONFLICT (run_id) DO NOTHING""";
    private static final String UPDATE_RUN = """
            UPDATE runs SET
                dataset_name = COALESCE(:datasetName, dataset_name),
                dataset_version = COALESCE(:datasetVersion, dataset_version),
                spec_hash = COALESCE(:specHash, spec_hash),
                started_at = LEAST(started_at, :occurredAt),
                status = CASE WHEN :progress > status_progress
                    OR (:progress = status_progress AND :occurredAt >= updated_at) THEN :status ELSE status END,
                last_stage = CASE WHEN :progress > status_progress
                    OR (:progress = status_progress AND :occurredAt >= updated_at) THEN :stage ELSE last_stage END,
                status_progress = GREATEST(status_progress, :progress),
                updated_at = GREATEST(updated_at, :occurredAt)
            WHERE run_id = :runId""";

    /** The event into the timeline (once, whatever is redelivered) and what it says into the run's row. */
    public Uni<Void> record(TimelineEntry entry) {
        EventMeta meta = entry.meta();
        RunUpdate update = entry.update();
        String status = update.status().statusName();
        short progress = (short) update.status().progress();
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_EVENT)
                        .setParameter("eventId", meta.getEventId())
                        .setParameter("runId", meta.getRunId())
                        .setParameter("topic", entry.topic())
                        .setParameter("producer", meta.getProducer())
                        .setParameter("causationId", meta.getCausationId())
                        .setParameter("occurredAt", meta.getOccurredAt())
                        .setParameter("summary", entry.summary())
                        .executeUpdate()
                .chain(() -> session.createNativeQuery(INSERT_RUN)
                        .setParameter("runId", meta.getRunId())
                        .setParameter("pipeline", meta.getPipeline())
                        .setParameter("status", status)
                        .setParameter("progress", progress)
                        .setParameter("stage", update.stage())
                        .setParameter("occurredAt", meta.getOccurredAt())
                        .executeUpdate())
                .chain(() -> session.createNativeQuery(UPDATE_RUN)
                        .setParameter("datasetName", update.datasetName())
                        .setParameter("datasetVersion", update.datasetVersion())
                        .setParameter("specHash", update.specHash())
                        .setParameter("occurredAt", meta.getOccurredAt())
                        .setParameter("status", status)
                        .setParameter("progress", progress)
                        .setParameter("stage", update.stage())
                        .setParameter("runId", meta.getRunId())
                        .executeUpdate()))
                .replaceWithVoid();
    }

    private static final String REMEMBER_FAILURE = """
            INSERT INTO run_failures (run_id, stage, cause_topic, cause_partition, cause_offset, failed_at)
            VALUES (:runId, :stage, :topic, :partition, :offset, :at)
            ON CONFLICT (run_id) DO UPDATE SET stage = :stage, cause_topic = :topic, cause_partition = :partition,
                cause_offset = :offset, failed_at = :at""";
    private static final String REOPEN = """
            UPDATE runs SET status = :status, status_progress = :progress, last_stage = :stage, updated_at = :at
            WHERE run_id = :runId""";

    /** Where the run's stage gave up (the latest failure wins). */
    public Uni<Void> rememberFailure(StageFailed failed) {
        return Panache.getSession().chain(session -> session.createNativeQuery(REMEMBER_FAILURE)
                .setParameter("runId", failed.getMeta().getRunId()).setParameter("stage", failed.getStage())
                .setParameter("topic", failed.getCauseTopic()).setParameter("partition", failed.getCausePartition())
                .setParameter("offset", failed.getCauseOffset()).setParameter("at", failed.getMeta().getOccurredAt())
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<RunFailureEntity> failure(String runId) {
        return RunFailureEntity.findById(runId);
    }

    /**
     * A retried run is running again: the one move backwards a status makes, by hand. Its timeline
     * records the retry as it records events ({@link #record}).
     */
    public Uni<Void> reopen(String runId, String stage, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery(REOPEN)
                .setParameter("status", RunStatus.RUNNING.statusName()).setParameter("progress", (short) RunStatus.RUNNING.progress())
                .setParameter("stage", stage).setParameter("at", at).setParameter("runId", runId)
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<RunEntity> run(String runId) {
        return RunEntity.findById(runId);
    }

    /** Newest first. */
    public Uni<List<RunEntity>> runsOf(String pipeline) {
        return RunEntity.list("pipeline = ?1 order by startedAt desc", pipeline);
    }

    /** The newest runs of every pipeline, newest first. */
    public Uni<List<RunEntity>> recentRuns(int limit) {
        return RunEntity.find("order by startedAt desc").range(0, limit - 1).list();
    }

    /** In the order the events happened. */
    public Uni<List<RunEventEntity>> timeline(String runId) {
        return RunEventEntity.list("runId = ?1 order by occurredAt", runId);
    }
}

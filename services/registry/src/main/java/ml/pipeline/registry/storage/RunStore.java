package ml.pipeline.registry.storage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import ml.pipeline.core.run.RunStatus;
import ml.pipeline.events.EventMeta;
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

    public Uni<RunEntity> run(String runId) {
        return RunEntity.findById(runId);
    }

    /** Newest first. */
    public Uni<List<RunEntity>> runsOf(String pipeline) {
        return RunEntity.list("pipeline = ?1 order by startedAt desc", pipeline);
    }

    /** In the order the events happened. */
    public Uni<List<RunEventEntity>> timeline(String runId) {
        return RunEventEntity.list("runId = ?1 order by occurredAt", runId);
    }
}

package ml.pipeline.registry.domain;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import ml.pipeline.events.EventMeta;
import ml.pipeline.registry.storage.RunEntity;
import ml.pipeline.registry.storage.RunEventEntity;

/**
 * Projects every event into its run: the run's row (status, last stage) and one timeline entry per
 * event. Events of one run arrive on several topics, so in any order; each is recorded once.
 */
@ApplicationScoped
public class RunTimeline {

    /** What an event says about its run; null fields leave the run's value as it is. */
    public record RunUpdate(String status, String stage, String datasetName, String datasetVersion, String specHash) {
    }

    public Uni<Void> record(String topic, EventMeta meta, String summary, RunUpdate update) {
        return RunEventEntity.<RunEventEntity>findById(meta.getEventId()).chain(seen -> {
            if (seen != null) {
                return Uni.createFrom().voidItem();
            }
            RunEventEntity event = new RunEventEntity();
            event.eventId = meta.getEventId();
            event.runId = meta.getRunId();
            event.topic = topic;
            event.producer = meta.getProducer();
            event.causationId = meta.getCausationId();
            event.occurredAt = meta.getOccurredAt();
            event.summary = summary;
            return event.persist().chain(() -> updateRun(meta, update));
        });
    }

    private Uni<Void> updateRun(EventMeta meta, RunUpdate update) {
        return RunEntity.<RunEntity>findById(meta.getRunId()).chain(found -> {
            RunEntity run = found;
            if (run == null) {
                run = new RunEntity();
                run.runId = meta.getRunId();
                run.pipeline = meta.getPipeline();
                run.startedAt = meta.getOccurredAt();
                run.updatedAt = Instant.EPOCH;
                run.status = update.status();
                run.lastStage = update.stage();
            }
            run.startedAt = meta.getOccurredAt().isBefore(run.startedAt) ? meta.getOccurredAt() : run.startedAt;
            if (!meta.getOccurredAt().isBefore(run.updatedAt)) {
                // The latest event decides the status: events of one run can arrive out of order.
                run.updatedAt = meta.getOccurredAt();
                run.status = update.status();
                run.lastStage = update.stage();
            }
            if (update.datasetName() != null) {
                run.datasetName = update.datasetName();
                run.datasetVersion = update.datasetVersion();
                run.specHash = update.specHash();
            }
            return run.persist().replaceWithVoid();
        });
    }
}

package ml.pipeline.registry.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import ml.pipeline.events.StageFailed;
import ml.pipeline.registry.domain.TimelineEntries;
import ml.pipeline.registry.domain.TimelineEntry;
import ml.pipeline.registry.storage.RunStore;

/** Every event of every run into the run's timeline and row, each in a transaction of its own. */
@ApplicationScoped
public class TimelineService {
    private final RunStore runs;

    public TimelineService(RunStore runs) {
        this.runs = runs;
    }

    @WithTransaction
    public Uni<Void> record(TimelineEntry entry) {
        return runs.record(entry);
    }

    /** A stage gave up: recorded, and where (the event it could not process), for a retry. */
    @WithTransaction
    public Uni<Void> recordFailure(StageFailed failed) {
        return runs.record(TimelineEntries.of(failed)).chain(() -> runs.rememberFailure(failed));
    }
}

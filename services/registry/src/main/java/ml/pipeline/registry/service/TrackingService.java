package ml.pipeline.registry.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.registry.domain.TrackedRun;
import ml.pipeline.registry.storage.ExperimentEntity;
import ml.pipeline.registry.storage.TrackingStore;

/** The experiment tracker: every checkpoint into its training run's record; queries for the tracking API. */
@ApplicationScoped
public class TrackingService {
    private final TrackingStore store;

    public TrackingService(TrackingStore store) {
        this.store = store;
    }

    @WithTransaction
    public Uni<Void> record(CheckpointWritten checkpoint) {
        return store.record(checkpoint);
    }

    /** An experiment with how many training runs and searches it holds, and its winners (the runs that went to the gate). */
    public record Experiment(String pipeline, String name, java.time.Instant createdAt, long trainingRuns, long searches,
            List<String> winners) {
    }

    @WithSession
    public Uni<List<Experiment>> experiments(String pipeline) {
        return store.experimentsOf(pipeline).chain(experiments -> store.trainingRunsOf(pipeline).map(runs -> {
            Map<String, List<TrackedRun>> byExperiment = runs.stream().map(TrackedRun::of)
                    .collect(Collectors.groupingBy(TrackedRun::experiment));
            return experiments.stream().map((ExperimentEntity e) -> {
                List<TrackedRun> own = byExperiment.getOrDefault(e.name, List.of());
                return new Experiment(e.pipeline, e.name, e.createdAt, own.size(),
                        own.stream().map(TrackedRun::searchId).filter(id -> id != null).distinct().count(),
                        own.stream().filter(TrackedRun::winner).map(TrackedRun::trainingRunId).toList());
            }).toList();
        }));
    }

    /** A pipeline's training runs, newest first or ordered by a metric, filtered by what is given. */
    @WithSession
    public Uni<List<TrackedRun>> trainingRuns(String pipeline, Optional<String> experiment, Optional<String> status,
            Optional<String> run, Optional<String> orderBy, Optional<String> direction) {
        return store.trainingRunsOf(pipeline).map(rows -> {
            List<TrackedRun> runs = rows.stream().map(TrackedRun::of)
                    .filter(r -> experiment.map(r.experiment()::equals).orElse(true))
                    .filter(r -> status.map(r.status()::equals).orElse(true))
                    .filter(r -> run.map(r.runId()::equals).orElse(true))
                    .toList();
            return orderBy.map(metric -> TrackedRun.orderBy(runs, metric, direction)).orElse(runs);
        });
    }

    /** One run with everything recorded of it; null when there is none. */
    @WithSession
    public Uni<TrackedRun.Details> trainingRun(String trainingRunId) {
        return store.trainingRun(trainingRunId).chain(run -> run == null ? Uni.createFrom().nullItem()
                : store.history(trainingRunId).map(history -> TrackedRun.Details.of(run, history)));
    }

    /** One metric's history; null when the run is unknown. */
    @WithSession
    public Uni<List<TrackedRun.Point>> metricHistory(String trainingRunId, String metric) {
        return store.trainingRun(trainingRunId).chain(run -> run == null ? Uni.createFrom().nullItem()
                : store.history(trainingRunId).map(history -> TrackedRun.history(metric, history)));
    }
}

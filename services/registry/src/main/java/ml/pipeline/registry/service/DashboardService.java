package ml.pipeline.registry.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import ml.pipeline.core.report.SvgChart;
import ml.pipeline.core.report.SvgGraph;
import ml.pipeline.core.search.Trial;
import ml.pipeline.core.spec.ModelStage;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.registry.domain.ModelHistoryEntry;
import ml.pipeline.registry.domain.RunDetails;
import ml.pipeline.registry.domain.RunTrace;
import ml.pipeline.registry.domain.TrackedRun;
import ml.pipeline.registry.storage.ModelAliasEntity;
import ml.pipeline.registry.storage.ModelVersionEntity;
import ml.pipeline.registry.storage.ModelVersionStore;
import ml.pipeline.registry.storage.RunEntity;
import ml.pipeline.registry.storage.RunEventEntity;
import ml.pipeline.registry.storage.RunFailureEntity;
import ml.pipeline.registry.storage.RunStore;
import ml.pipeline.registry.storage.TraceStore;
import ml.pipeline.registry.storage.TrackingStore;
import ml.pipeline.registry.storage.TrainingMetricEntity;
import ml.pipeline.registry.storage.TrainingRunEntity;
import ml.pipeline.services.storage.ObjectStore;

/**
 * What the dashboard's pages show, gathered from the registry's tables (and, for a report, the
 * store): read-only, the API's own data grouped per page.
 */
@ApplicationScoped
public class DashboardService {
    /** How many recent runs the front page looks at, and shows per pipeline. */
    static final int RECENT_RUNS = 500;
    static final int RUNS_PER_PIPELINE = 5;
    /** Training runs an experiment page draws curves of (newest first). */
    static final int CHARTED_RUNS = 12;

    private final RunStore runs;
    private final ModelVersionStore versions;
    private final TrackingStore tracking;
    private final RunQueryService queries;
    private final ObjectStore store;
    private final TraceStore traces;

    public DashboardService(RunStore runs, ModelVersionStore versions, TrackingStore tracking, RunQueryService queries,
            ObjectStore store, TraceStore traces) {
        this.runs = runs;
        this.versions = versions;
        this.tracking = tracking;
        this.queries = queries;
        this.store = store;
        this.traces = traces;
    }

    /** A pipeline's latest runs and its models' production versions. */
    public record PipelineSummary(String pipeline, List<RunEntity> latestRuns, List<ModelVersionEntity> production) {
    }

    @WithSession
    public Uni<List<PipelineSummary>> pipelines() {
        return runs.recentRuns(RECENT_RUNS).chain(recent -> versions.holdersOf(ModelStage.PRODUCTION).map(production -> {
            Map<String, List<RunEntity>> byPipeline = new TreeMap<>();
            recent.forEach(r -> byPipeline.computeIfAbsent(r.pipeline, p -> new ArrayList<>()).add(r));
            return byPipeline.entrySet().stream().map(e -> new PipelineSummary(e.getKey(),
                    e.getValue().stream().limit(RUNS_PER_PIPELINE).toList(),
                    production.stream().filter(v -> e.getKey().equals(v.pipeline)).toList())).toList();
        }));
    }

    /**
     * {@code candidate}: the training run the run sent to the gate, null before (or without) one;
     * {@code trace}: its spans so far.
     */
    public record RunView(RunDetails details, RunFailureEntity failure, TrackedRun candidate, RunTrace trace) {
        public boolean evaluated() {
            return details.timeline().stream().anyMatch(e -> "models.evaluated".equals(e.topic));
        }
    }

    /** Null when the registry has no such run. */
    @WithSession
    public Uni<RunView> run(String runId) {
        return queries.run(runId).chain(details -> details == null ? Uni.createFrom().nullItem()
                : runs.failure(runId).chain(failure -> tracking.candidateOf(runId)
                        .chain(candidate -> traces.ofRun(runId).map(spans -> new RunView(details, failure,
                                candidate == null ? null : TrackedRun.of(candidate), RunTrace.of(runId, spans))))));
    }

    /**
     * The run's status and whole timeline, for the live page. Whole, not the entries after the
     * page's last one: events of several topics are recorded in any order, so a late one may
     * belong before entries the page already shows.
     */
    @WithSession
    public Uni<Progress> progress(String runId) {
        return runs.run(runId).chain(run -> run == null ? Uni.createFrom().nullItem()
                : runs.timeline(runId).map(timeline -> new Progress(run.status.statusName(), run.lastStage, timeline)));
    }

    /** The run's status and its timeline, in the order the events happened. */
    public record Progress(String status, String lastStage, List<RunEventEntity> timeline) {
    }

    /** The evaluation report page of the run's candidate, as the evaluator stored it; empty when there is none (yet). */
    public Uni<Optional<byte[]>> reportPage(String runId) {
        // The store is read off the event loop, after the session's query.
        return Panache.withSession(() -> tracking.candidateOf(runId)).emitOn(Infrastructure.getDefaultWorkerPool())
                .map(candidate -> candidate == null ? Optional.<byte[]>empty()
                        : store.read(StorageLayout.evaluationReportPage(candidate.modelName, candidate.trainingRunId)));
    }

    /**
     * {@code shown}: the version whose lineage is drawn (the one asked for, else production's, else
     * the newest); {@code productionSince}: when the version in production went there.
     */
    public record ModelView(String model, List<ModelVersionEntity> versions, List<ModelHistoryEntry> history,
            List<ModelAliasEntity> aliases, ModelVersionEntity production, Instant productionSince, ModelVersionEntity shown,
            String lineage) {
    }

    @WithSession
    public Uni<ModelView> model(String model, Integer version) {
        return versions.versionsOf(model).chain(all -> queries.history(model).chain(history -> versions.aliasesOf(model)
                .map(aliases -> {
                    ModelVersionEntity production = all.stream().filter(v -> v.stage == ModelStage.PRODUCTION).findFirst()
                            .orElse(null);
                    ModelVersionEntity shown = all.stream().filter(v -> version != null && v.version == version).findFirst()
                            .orElse(production != null ? production
                                    : all.stream().max(Comparator.comparingInt(v -> v.version)).orElse(null));
                    Instant since = production == null ? null : history.stream()
                            .filter(h -> h.to() == ModelStage.PRODUCTION && h.version() != null && h.version() == production.version)
                            .map(ModelHistoryEntry::at).reduce((first, last) -> last).orElse(null);
                    return new ModelView(model, all, history, aliases, production, since, shown,
                            shown == null ? null : lineage(shown));
                })));
    }

    /** Dataset, spec and transform into the training run, and out the version. */
    static String lineage(ModelVersionEntity v) {
        return SvgGraph.chain(List.of(
                new SvgGraph.Node("dataset " + v.datasetName, v.datasetVersion, null),
                new SvgGraph.Node("spec", v.specHash, null),
                new SvgGraph.Node("transform", v.transformVersion, null),
                new SvgGraph.Node("training run", v.trainingRunId, "/ui/runs/" + v.runId),
                new SvgGraph.Node("model version, " + v.stage.stageName(), v.model + " v" + v.version, null)));
    }

    /** An experiment page: the pipeline's training runs, and one chart per metric over the newest of them. */
    public record ExperimentView(String pipeline, List<TrackedRun> runs, List<String> hyperparameters, List<String> charts) {
    }

    @WithSession
    public Uni<ExperimentView> experiments(String pipeline) {
        return tracking.trainingRunsOf(pipeline).chain(rows -> {
            List<TrackedRun> all = rows.stream().map(TrackedRun::of).toList();
            List<TrainingRunEntity> charted = rows.stream().limit(CHARTED_RUNS).toList();
            Uni<List<List<TrainingMetricEntity>>> histories = charted.isEmpty() ? Uni.createFrom().item(List.of())
                    : sequential(charted);
            return histories.map(h -> new ExperimentView(pipeline, all,
                    Trial.varying(all.stream().map(TrackedRun::hyperparameters).toList()), charts(charted, h)));
        });
    }

    /** One history after another: a reactive session runs one query at a time. */
    private Uni<List<List<TrainingMetricEntity>>> sequential(List<TrainingRunEntity> charted) {
        Uni<List<List<TrainingMetricEntity>>> chain = Uni.createFrom().item(new ArrayList<>());
        for (TrainingRunEntity run : charted) {
            chain = chain.chain(list -> tracking.history(run.trainingRunId).map(h -> {
                list.add(h);
                return list;
            }));
        }
        return chain;
    }

    static List<String> charts(List<TrainingRunEntity> runs, List<List<TrainingMetricEntity>> histories) {
        Map<String, SvgChart> byMetric = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            TrainingRunEntity run = runs.get(i);
            Map<String, List<SvgChart.Point>> series = new LinkedHashMap<>();
            for (TrainingMetricEntity checkpoint : histories.get(i)) {
                TrackedRun.metricsOf(checkpoint).forEach((metric, value) -> {
                    if (value != null) {
                        series.computeIfAbsent(metric, m -> new ArrayList<>()).add(new SvgChart.Point(checkpoint.step, value));
                    }
                });
            }
            String name = (run.trial > 0 ? "trial " + run.trial + " " : "") + run.trainingRunId.substring(0,
                    Math.min(8, run.trainingRunId.length()));
            series.forEach((metric, points) -> byMetric.computeIfAbsent(metric, m -> new SvgChart(m + " by step", "step", m))
                    .add(new SvgChart.Series(name, points, !run.winner)));
        }
        return byMetric.values().stream().map(SvgChart::render).toList();
    }
}

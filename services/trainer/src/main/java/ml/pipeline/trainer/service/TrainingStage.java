package ml.pipeline.trainer.service;

import ai.djl.Device;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import ml.pipeline.core.ContentHash;
import ml.pipeline.core.features.Split;
import ml.pipeline.core.features.SplitFiles;
import ml.pipeline.core.search.SearchPlan;
import ml.pipeline.core.search.SuccessiveHalving;
import ml.pipeline.core.search.SuccessiveHalving.Standing;
import ml.pipeline.core.search.Trial;
import ml.pipeline.core.spec.ModelSpec;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.spec.SearchSpec;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.core.training.StopReason;
import ml.pipeline.core.training.TrainingRunId;
import ml.pipeline.events.FeatureSplit;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.modeling.Devices;
import ml.pipeline.services.metrics.PipelineMetrics;
import ml.pipeline.services.spec.SpecSnapshots;
import ml.pipeline.services.stage.CancelledRuns;
import ml.pipeline.services.storage.ObjectStore;
import ml.pipeline.trainer.domain.ModelTraining;
import ml.pipeline.trainer.domain.TrainingState;
import ml.pipeline.trainer.storage.CheckpointStore;
import org.jboss.logging.Logger;

/**
 * One training run per (dataset bytes, transform, model spec) ({@link TrainingRunId}): a
 * redelivered FeaturesReady resumes the same run from its newest checkpoint, and a finished run
 * is not trained again: its final checkpoint is reported once more. With a {@code search} block,
 * each trial is such a run of its own, trained rung by rung under successive halving; the rung
 * decisions are stored, so a resumed search decides as before, and only the winning trial's end
 * is reported as final. A reproduction (its events name the training run they reproduce) trains
 * the same way into runs of its own. A cancelled run's training stops at its next step, its checkpoints kept.
 * Holds the train and validation splits in memory (float rows): datasets beyond memory need
 * streaming, not done yet.
 */
@ApplicationScoped
public class TrainingStage {
    private static final Logger LOG = Logger.getLogger(TrainingStage.class);

    private final ObjectStore store;
    private final CheckpointStore checkpoints;
    private final SpecSnapshots specs;
    private final CancelledRuns cancelled;
    private final PipelineMetrics metrics;

    public TrainingStage(ObjectStore store, CheckpointStore checkpoints, SpecSnapshots specs, CancelledRuns cancelled,
            PipelineMetrics metrics) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.specs = specs;
        this.cancelled = cancelled;
        this.metrics = metrics;
    }

    /** Which search a trial belongs to: 0 trials and no id for a run without a search. */
    public record SearchRef(String searchId, int trial, int trials) {
        static final SearchRef NONE = new SearchRef(null, 0, 0);
    }

    /**
     * A stored checkpoint, as CheckpointWritten reports it: with the best checkpoint so far (on
     * the final one, what the run ships), why training stopped (once it has), the trial's
     * hyperparameters and the search it belongs to. {@code finalCheckpoint}: the run's, which in a
     * search only the winner's end is.
     */
    public record Written(String model, String trainingRunId, S3Uri folder, long step, int epoch,
            Map<String, Double> metrics, boolean finalCheckpoint, String device, S3Uri bestFolder, long bestStep,
            String bestMetric, Double bestValue, StopReason stopReason, String experiment,
            Map<String, String> hyperparameters, SearchRef search, String parametersSha256) {

        static Written of(Run run, CheckpointStore.Stored stored, boolean finalCheckpoint, StopReason stopReason) {
            TrainingState state = stored.checkpoint().state();
            long bestStep = state.progress().bestStep() > 0 ? state.progress().bestStep() : state.step();
            return new Written(run.model(), run.id(), stored.folder(), state.step(), state.epoch(), state.metrics(),
                    finalCheckpoint, run.device().toString(), stored.bestFolder(), bestStep,
                    run.spec().earlyStopping().metric(), state.progress().bestValue(), stopReason, run.experiment(),
                    Trial.hyperparameters(run.spec()), run.search(), ContentHash.sha256(stored.checkpoint().parameters()));
        }
    }

    /** One training run to train: its id, the model spec it trains and where it stands in a search. */
    record Run(String model, String id, ModelSpec spec, String experiment, SearchRef search, Device device) {
    }

    /** Trains (or resumes, or finds finished) the run these features and the spec's model make; each checkpoint is told. */
    public void train(FeaturesReady event, Consumer<Written> onCheckpoint) {
        PipelineSpec spec = specs.load(event.getSpec());
        if (spec.search() != null) {
            search(event, spec, onCheckpoint);
            return;
        }
        Run run = new Run(spec.modelName(), TrainingRunId.of(event.getDataset().getVersion(),
                event.getFeatures().getTransformVersion(), spec.model()) + reproduction(event), spec.model(),
                spec.experimentName(), SearchRef.NONE, Devices.best());
        Optional<CheckpointStore.Stored> latest = checkpoints.latest(run.model(), run.id());
        if (latest.isPresent() && latest.get().finalCheckpoint()) {
            onCheckpoint.accept(Written.of(run, latest.get(), true, latest.get().checkpoint().state().stopped()));
            return;
        }
        Inputs inputs = new Inputs(load(event, Split.TRAIN), load(event, Split.VALIDATION));
        TrainingState end = train(run, inputs, event.getMeta().getRunId(), run.spec().epochs(), true, onCheckpoint);
        if (!end.finished() && cancelled.isCancelled(event.getMeta().getRunId())) {
            LOG.infof("run %s was cancelled: training run %s stopped at step %d, its checkpoints kept",
                    event.getMeta().getRunId(), run.id(), end.step());
        }
    }

    private record Inputs(SplitFiles.Examples train, SplitFiles.Examples validation) {
    }

    /**
     * Trains {@code run} up to {@code epochBudget} epochs from its newest checkpoint (nothing when it
     * is there already or finished); returns where it stands. Its end is told as the run's final
     * checkpoint only when {@code endIsFinal}.
     */
    private TrainingState train(Run run, Inputs inputs, String pipelineRun, int epochBudget, boolean endIsFinal,
            Consumer<Written> onCheckpoint) {
        Optional<CheckpointStore.Stored> latest = checkpoints.latest(run.model(), run.id());
        if (latest.isPresent() && (latest.get().finalCheckpoint() || latest.get().checkpoint().state().epoch() >= epochBudget)) {
            return latest.get().checkpoint().state();
        }
        LOG.infof("training run %s of run %s: %s", run.id(), pipelineRun,
                latest.map(l -> "resumed from its checkpoint at step " + l.checkpoint().state().step()).orElse("from the start"));
        long[] since = {latest.map(l -> l.checkpoint().state().step()).orElse(0L), System.nanoTime()};
        int batchSize = Math.min(run.spec().batchSize(), inputs.train().size());
        try {
            TrainingState end = new ModelTraining(run.spec(), run.device()).train(inputs.train(), inputs.validation(),
                    latest.map(CheckpointStore.Stored::checkpoint), (checkpoint, last) -> {
                        // Throughput between checkpoints (the validation pass included): steps x batch rows.
                        long steps = checkpoint.state().step() - since[0];
                        metrics.trained(run.model(), steps * batchSize, steps, Duration.ofNanos(System.nanoTime() - since[1]));
                        since[0] = checkpoint.state().step();
                        since[1] = System.nanoTime();
                        CheckpointStore.Stored stored = checkpoints.write(run.model(), run.id(), checkpoint, last,
                                run.spec().keepCheckpoints());
                        onCheckpoint.accept(Written.of(run, stored, last && endIsFinal, checkpoint.state().stopped()));
                    }, () -> cancelled.isCancelled(pipelineRun), epochBudget);
            if (end.finished()) {
                LOG.infof("training run %s%s %s at step %d; its best is step %d (%s %s)", run.id(),
                        run.search().trial() > 0 ? " (trial " + run.search().trial() + ")" : "", end.stopped().eventName(),
                        end.step(), end.progress().bestStep(), run.spec().earlyStopping().metric(), end.progress().bestValue());
            }
            return end;
        } catch (IOException e) {
            throw new UncheckedIOException("training run " + run.id() + " failed: " + e.getMessage(), e);
        }
    }

    /** What a rung decided, stored once: the trials' standings there, best first, and which went on. */
    public record RungDecision(int rung, int epochs, List<Standing> ranked, List<Integer> survivors) {
    }

    private void search(FeaturesReady event, PipelineSpec spec, Consumer<Written> onCheckpoint) {
        SearchSpec search = spec.search();
        String dataVersion = event.getDataset().getVersion();
        String transform = event.getFeatures().getTransformVersion();
        String searchId = TrainingRunId.ofSearch(dataVersion, transform, spec.model(), search) + reproduction(event);
        List<Trial> trials = SearchPlan.trials(spec.model(), search);
        Device device = Devices.best();
        List<Run> runs = trials.stream().map(t -> new Run(spec.modelName(),
                TrainingRunId.of(dataVersion, transform, t.model()) + reproduction(event), t.model(), spec.experimentName(), new SearchRef(searchId, t.number(), trials.size()), device)).toList();
        int maxEpochs = trials.stream().mapToInt(t -> t.model().epochs()).max().orElseThrow();
        SearchSpec.Scheduler scheduler = search.scheduler();
        SuccessiveHalving halving = new SuccessiveHalving(scheduler.halves() ? scheduler.minEpochs() : maxEpochs,
                Math.max(2, scheduler.reductionFactor()), search.higherIsBetter());
        List<Integer> rungs = halving.rungs(maxEpochs);
        LOG.infof("search %s: %d trials, rungs of %s epochs, by %s (%s)", searchId, trials.size(), rungs, search.metric(),
                search.direction());

        Inputs inputs = null;
        String pipelineRun = event.getMeta().getRunId();
        List<Run> alive = runs;
        for (int rung = 0; rung < rungs.size(); rung++) {
            int budget = rungs.get(rung);
            for (Run run : alive) {
                if (needsTraining(run, budget)) {
                    inputs = inputs != null ? inputs : new Inputs(load(event, Split.TRAIN), load(event, Split.VALIDATION));
                    train(run, inputs, pipelineRun, budget, false, onCheckpoint);
                }
                if (cancelled.isCancelled(pipelineRun)) {
                    LOG.infof("run %s was cancelled: search %s stopped at rung %d, its checkpoints kept", pipelineRun, searchId,
                            rung);
                    return;
                }
            }
            RungDecision decision = decide(spec.modelName(), searchId, rung, budget, alive, search, halving,
                    rung == rungs.size() - 1);
            List<Run> survivors = decision.survivors().stream().map(n -> runs.get(n - 1)).toList();
            for (Run run : alive) {
                if (!survivors.contains(run)) {
                    CheckpointStore.Stored last = checkpoints.latest(run.model(), run.id()).orElseThrow();
                    StopReason reason = last.finalCheckpoint() ? last.checkpoint().state().stopped() : StopReason.HALVED;
                    onCheckpoint.accept(Written.of(run, last, false, reason));
                }
            }
            alive = survivors.stream().sorted(Comparator.comparingInt(r -> r.search().trial())).toList();
        }
        Run winner = alive.getFirst();
        CheckpointStore.Stored end = checkpoints.latest(winner.model(), winner.id()).orElseThrow();
        LOG.infof("search %s: trial %d of %d wins (%s), its best checkpoint is step %d", searchId, winner.search().trial(),
                trials.size(), Trial.hyperparameters(winner.spec()), end.checkpoint().state().progress().bestStep());
        onCheckpoint.accept(Written.of(winner, end, true, end.checkpoint().state().stopped()));
    }

    /**
     * A reproduction trains from scratch into training runs of its own: the ids of the runs it
     * reproduces, marked with its pipeline run. Nothing for an ordinary run.
     */
    static String reproduction(FeaturesReady event) {
        return event.getMeta().getReproduces() == null ? ""
                : "-r" + event.getMeta().getRunId().replace("-", "").substring(0, 8);
    }

    private boolean needsTraining(Run run, int budget) {
        Optional<CheckpointStore.Stored> latest = checkpoints.latest(run.model(), run.id());
        return latest.isEmpty() || (!latest.get().finalCheckpoint() && latest.get().checkpoint().state().epoch() < budget);
    }

    /**
     * The rung's decision: stored already (a resumed search), or made now from each trial's metric
     * at its newest checkpoint and stored. The last rung keeps only the winner.
     */
    private RungDecision decide(String model, String searchId, int rung, int budget, List<Run> alive, SearchSpec search,
            SuccessiveHalving halving, boolean lastRung) {
        S3Uri where = StorageLayout.searchRung(model, searchId, rung);
        if (store.exists(where)) {
            return store.readJson(where, RungDecision.class);
        }
        List<Standing> standings = new ArrayList<>();
        for (Run run : alive) {
            TrainingState state = checkpoints.latest(run.model(), run.id()).orElseThrow().checkpoint().state();
            standings.add(new Standing(run.search().trial(), state.metrics().get(search.metric())));
        }
        List<Standing> ranked = halving.ranked(standings);
        List<Integer> survivors = lastRung ? List.of(ranked.getFirst().trial()) : halving.survivors(standings);
        RungDecision decision = new RungDecision(rung, budget, ranked, survivors);
        store.putJson(where, decision, true);
        LOG.infof("search %s rung %d (%d epochs): %s go on of %s", searchId, rung, budget, survivors, ranked);
        return decision;
    }

    private SplitFiles.Examples load(FeaturesReady event, Split split) {
        FeatureSplit found = event.getSplits().stream().filter(s -> s.getName().equals(split.fileName())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("FeaturesReady has no '" + split.fileName() + "' split"));
        try (InputStream in = store.open(S3Uri.parse(found.getUri()));
             InputStreamReader text = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return SplitFiles.read(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + found.getUri() + ": " + e.getMessage(), e);
        }
    }
}

package ml.pipeline.evaluator.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ml.pipeline.core.evaluation.BinaryMetrics;
import ml.pipeline.core.evaluation.Curves;
import ml.pipeline.core.evaluation.EvaluationGate;
import ml.pipeline.core.evaluation.GateCheckResult;
import ml.pipeline.core.evaluation.PropertyChecks;
import ml.pipeline.core.evaluation.SliceMetrics;
import ml.pipeline.core.evaluation.SliceResult;
import ml.pipeline.core.features.FeatureTransform;
import ml.pipeline.core.search.SearchPlan;
import ml.pipeline.core.spec.ModelSpec;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.evaluator.domain.Candidate;
import ml.pipeline.evaluator.domain.EvaluationReport;
import ml.pipeline.evaluator.domain.Holdout;
import ml.pipeline.evaluator.storage.EvaluationStore;
import ml.pipeline.events.ModelRef;
import ml.pipeline.modeling.Devices;
import ml.pipeline.modeling.TrainedModel;
import ml.pipeline.services.metrics.PipelineMetrics;
import ml.pipeline.services.spec.SpecSnapshots;

/**
 * Scores a candidate on the holdout, and the model in production on the same rows (each through
 * its own transform); applies the spec's gate, its behaviour checks (monotonicity, invariance) on
 * the candidate included; stores the report (JSON and its page) and the candidate's artifact with
 * its model card. A refusal is a result.
 * Holds the holdout in memory.
 */
@ApplicationScoped
public class EvaluationStage {
    private final EvaluationStore store;
    private final SpecSnapshots specs;
    private final PipelineMetrics metrics;
    private final ReportContexts contexts;
    private final ReportPages pages;

    public EvaluationStage(EvaluationStore store, SpecSnapshots specs, PipelineMetrics metrics, ReportContexts contexts,
            ReportPages pages) {
        this.store = store;
        this.specs = specs;
        this.metrics = metrics;
        this.contexts = contexts;
        this.pages = pages;
    }

    public record Result(Map<String, Double> candidate, Optional<ModelRef> baseline,
            Optional<Map<String, Double>> productionMetrics, List<SliceResult> slices,
            List<GateCheckResult> checks, S3Uri report, S3Uri artifact) {
        public boolean passed() {
            return EvaluationGate.allPassed(checks);
        }
    }

    /** Scores the candidate, and {@code baseline} (the version in production, if any) on the same holdout rows. */
    public Result evaluate(Candidate candidate, Optional<ModelRef> baseline) {
        PipelineSpec spec = specs.load(candidate.spec());
        Holdout holdout = store.holdout(S3Uri.parse(candidate.features().getUri()));
        S3Uri transformUri = S3Uri.parse(candidate.features().getTransformUri());
        FeatureTransform transform = store.transform(transformUri);
        byte[] parameters = store.parameters(candidate.parameters());

        float[] labels = holdout.labels(transform);
        float[] candidateScores;
        List<GateCheckResult> behaviour;
        ModelSpec model = modelOf(candidate, spec);
        try (TrainedModel trained = TrainedModel.load(model, transform.width(), parameters, Devices.best())) {
            candidateScores = trained.probabilities(holdout.features(transform));
            behaviour = PropertyChecks.check(spec.evaluation().properties(), holdout.rows(),
                    rows -> trained.probabilities(rows.stream().map(transform::apply).toArray(float[][]::new)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Double> metrics = BinaryMetrics.of(candidateScores, labels);
        List<SliceResult> slices = SliceMetrics.of(spec.evaluation().slices(), holdout.rows(), candidateScores, labels);
        Optional<Scored> production = baseline.map(b -> scoreBaseline(S3Uri.parse(b.getUri()), holdout));
        Optional<Map<String, Double>> baselineMetrics = production.map(Scored::metrics);

        List<GateCheckResult> checks = new ArrayList<>(new EvaluationGate(spec.evaluation()).check(metrics, baselineMetrics,
                slices));
        checks.addAll(behaviour);
        S3Uri artifactUri = StorageLayout.artifact(candidate.model(), candidate.trainingRunId());
        EvaluationReport verdict = new EvaluationReport(candidate.model(), candidate.trainingRunId(),
                candidate.parameters().toString(), artifactUri.toString(), baseline.map(EvaluationStage::baselineOf).orElse(null),
                candidate.attempt(), metrics, baselineMetrics.orElse(null), slices, checks, EvaluationGate.allPassed(checks),
                Curves.of(candidateScores, labels), production.map(Scored::curves).orElse(null), contexts.of(candidate, spec));
        S3Uri artifact = store.writeArtifact(candidate.model(), candidate.trainingRunId(), model, parameters,
                transformUri, pages.card(verdict, spec));
        // The page first: report.json is what a redelivery takes for a verdict given, so it is written last.
        store.writeReportPage(candidate.model(), candidate.trainingRunId(), pages.page(verdict));
        S3Uri report = store.writeReport(candidate.model(), candidate.trainingRunId(), verdict);
        this.metrics.gateDecided(spec.pipeline(), EvaluationGate.allPassed(checks));
        return new Result(metrics, baseline, baselineMetrics, slices, checks, report, artifact);
    }

    /**
     * The verdict already given on this candidate from the same parameters, if any: what a
     * redelivered final checkpoint is answered with, instead of a comparison with whatever is in
     * production now (perhaps the candidate itself).
     */
    public Optional<Result> verdictGiven(Candidate candidate) {
        return store.report(candidate.model(), candidate.trainingRunId())
                // Reports written before they held the whole verdict (no artifact) are evaluated anew.
                .filter(report -> report.artifact() != null && candidate.parameters().toString().equals(report.checkpoint()))
                .map(report -> new Result(report.candidateMetrics(), Optional.ofNullable(report.baseline())
                        .map(EvaluationStage::modelRefOf), Optional.ofNullable(report.productionMetrics()), report.slices(),
                        report.checks(), StorageLayout.evaluationReport(candidate.model(), candidate.trainingRunId()),
                        S3Uri.parse(report.artifact())));
    }

    /**
     * The model spec the candidate's parameters were trained with: as its artifact records it
     * (evaluated again), else its search trial's (the model block's without a search).
     */
    private ModelSpec modelOf(Candidate candidate, PipelineSpec spec) {
        return store.hasModelSpec(candidate.parameters()) ? store.modelSpec(candidate.parameters())
                : SearchPlan.modelOf(spec, candidate.trial());
    }

    private static EvaluationReport.Baseline baselineOf(ModelRef ref) {
        return new EvaluationReport.Baseline(ref.getName(), ref.getTrainingRunId(), ref.getVersion(), ref.getUri());
    }

    private static ModelRef modelRefOf(EvaluationReport.Baseline baseline) {
        return ModelRef.newBuilder().setName(baseline.model()).setTrainingRunId(baseline.trainingRunId())
                .setVersion(baseline.version()).setUri(baseline.artifact()).build();
    }

    private record Scored(Map<String, Double> metrics, Curves curves) {
    }

    /** The baseline as serving runs it: its artifact's parameters, model spec and transform. */
    private Scored scoreBaseline(S3Uri artifact, Holdout holdout) {
        FeatureTransform transform = store.transform(artifact.resolve(StorageLayout.TRANSFORM));
        float[] scores = score(store.modelSpec(artifact), transform, store.parameters(artifact), holdout);
        float[] labels = holdout.labels(transform);
        return new Scored(BinaryMetrics.of(scores, labels), Curves.of(scores, labels));
    }

    private static float[] score(ModelSpec model, FeatureTransform transform, byte[] parameters, Holdout holdout) {
        try (TrainedModel trained = TrainedModel.load(model, transform.width(), parameters, Devices.best())) {
            return trained.probabilities(holdout.features(transform));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

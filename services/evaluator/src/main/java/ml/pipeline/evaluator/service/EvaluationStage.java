package ml.pipeline.evaluator.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ml.pipeline.core.evaluation.BinaryMetrics;
import ml.pipeline.core.evaluation.EvaluationGate;
import ml.pipeline.core.evaluation.GateCheckResult;
import ml.pipeline.core.evaluation.SliceMetrics;
import ml.pipeline.core.evaluation.SliceResult;
import ml.pipeline.core.features.FeatureTransform;
import ml.pipeline.core.spec.ModelSpec;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.evaluator.domain.EvaluationReport;
import ml.pipeline.evaluator.domain.Holdout;
import ml.pipeline.evaluator.storage.EvaluationStore;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.modeling.Devices;
import ml.pipeline.modeling.TrainedModel;
import ml.pipeline.services.spec.SpecSnapshots;

/**
 * Scores a final checkpoint on the holdout, and the model in production on the same rows (each
 * through its own transform); applies the spec's gate; stores the report and the candidate's
 * artifact. A refusal is a result. Holds the holdout in memory.
 */
@ApplicationScoped
public class EvaluationStage {
    private final EvaluationStore store;
    private final SpecSnapshots specs;

    public EvaluationStage(EvaluationStore store, SpecSnapshots specs) {
        this.store = store;
        this.specs = specs;
    }

    public record Result(Map<String, Double> candidate, Optional<ModelPromoted> production,
            Optional<Map<String, Double>> productionMetrics, List<SliceResult> slices,
            List<GateCheckResult> checks, S3Uri report, S3Uri artifact) {
        public boolean passed() {
            return EvaluationGate.allPassed(checks);
        }
    }

    public Result evaluate(CheckpointWritten checkpoint, Optional<ModelPromoted> production) {
        PipelineSpec spec = specs.load(checkpoint.getSpec());
        Holdout holdout = store.holdout(S3Uri.parse(checkpoint.getFeatures().getUri()));
        S3Uri transformUri = S3Uri.parse(checkpoint.getFeatures().getTransformUri());
        FeatureTransform transform = store.transform(transformUri);
        byte[] parameters = store.parameters(S3Uri.parse(checkpoint.getUri()));

        float[] labels = holdout.labels(transform);
        float[] candidateScores = score(spec.model(), transform, parameters, holdout);
        Map<String, Double> candidate = BinaryMetrics.of(candidateScores, labels);
        List<SliceResult> slices = SliceMetrics.of(spec.evaluation().slices(), holdout.rows(), candidateScores, labels);
        Optional<Map<String, Double>> productionMetrics = production.map(p -> productionMetrics(p, holdout));

        List<GateCheckResult> checks = new EvaluationGate(spec.evaluation()).check(candidate, productionMetrics, slices);
        S3Uri report = store.writeReport(checkpoint.getModelName(), checkpoint.getTrainingRunId(), new EvaluationReport(
                checkpoint.getModelName(), checkpoint.getTrainingRunId(), checkpoint.getUri(), candidate,
                productionMetrics.orElse(null), slices, checks, EvaluationGate.allPassed(checks)));
        S3Uri artifact = store.writeArtifact(checkpoint.getModelName(), checkpoint.getTrainingRunId(), spec.model(), parameters,
                transformUri);
        return new Result(candidate, production, productionMetrics, slices, checks, report, artifact);
    }

    private Map<String, Double> productionMetrics(ModelPromoted production, Holdout holdout) {
        S3Uri artifact = S3Uri.parse(production.getArtifactUri());
        FeatureTransform transform = store.transform(S3Uri.parse(production.getTransformUri()));
        float[] scores = score(store.modelSpec(artifact), transform, store.parameters(artifact), holdout);
        return BinaryMetrics.of(scores, holdout.labels(transform));
    }

    private static float[] score(ModelSpec model, FeatureTransform transform, byte[] parameters, Holdout holdout) {
        try (TrainedModel trained = TrainedModel.load(model, transform.width(), parameters, Devices.best())) {
            return trained.probabilities(holdout.features(transform));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

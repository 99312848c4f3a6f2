package ml.pipeline.evaluator.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import ml.pipeline.core.evaluation.BinaryMetrics;
import ml.pipeline.core.evaluation.EvaluationGate;
import ml.pipeline.core.evaluation.GateCheckResult;
import ml.pipeline.core.features.FeatureTransform;
import ml.pipeline.core.spec.ModelSpec;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.storage.ObjectNotFoundException;
import ml.pipeline.core.storage.ObjectStore;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.core.validation.CellValues;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.modeling.Devices;
import ml.pipeline.modeling.TrainedModel;

/**
 * Scores a final checkpoint on the holdout, and the model in production on the same rows (each
 * through its own transform); applies the spec's gate; stores the report. A refusal is a result.
 */
@ApplicationScoped
public class CandidateEvaluation {
    /** Slices with fewer holdout rows say too little to gate on. */
    static final int MIN_SLICE_ROWS = 5;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectStore store;

    public CandidateEvaluation(ObjectStore store) {
        this.store = store;
    }

    public record Result(Map<String, Double> candidate, Optional<ModelPromoted> production,
            Optional<Map<String, Double>> productionMetrics, List<EvaluationGate.SliceResult> slices,
            List<GateCheckResult> checks, S3Uri report, S3Uri artifact) {
        public boolean passed() {
            return EvaluationGate.allPassed(checks);
        }
    }

    public Result evaluate(CheckpointWritten checkpoint, PipelineSpec spec, Optional<ModelPromoted> production) {
        S3Uri features = S3Uri.parse(checkpoint.getFeatures().getUri());
        Holdout holdout = readHoldout(features.resolve(StorageLayout.RAW_HOLDOUT));
        FeatureTransform transform = readJson(S3Uri.parse(checkpoint.getFeatures().getTransformUri()), FeatureTransform.class);
        byte[] parameters = read(S3Uri.parse(checkpoint.getUri()).resolve(StorageLayout.PARAMETERS));

        float[] labels = holdout.labels(transform);
        float[] candidateScores = score(spec.model(), transform, parameters, holdout);
        Map<String, Double> candidate = BinaryMetrics.of(candidateScores, labels);
        List<EvaluationGate.SliceResult> slices = slices(spec, holdout, candidateScores, labels);
        Optional<Map<String, Double>> productionMetrics = production.map(p -> productionMetrics(p, holdout));

        List<GateCheckResult> checks = new EvaluationGate(spec.evaluation()).check(candidate, productionMetrics, slices);
        S3Uri report = StorageLayout.evaluationReport(checkpoint.getModelName(), checkpoint.getTrainingRunId());
        writeReport(report, checkpoint, candidate, productionMetrics, slices, checks);
        S3Uri artifact = writeArtifact(checkpoint, spec.model(), parameters);
        return new Result(candidate, production, productionMetrics, slices, checks, report, artifact);
    }

    private Map<String, Double> productionMetrics(ModelPromoted production, Holdout holdout) {
        S3Uri artifact = S3Uri.parse(production.getArtifactUri());
        ModelSpec model = readJson(artifact.resolve(StorageLayout.MODEL_SPEC), ModelSpec.class);
        FeatureTransform transform = readJson(S3Uri.parse(production.getTransformUri()), FeatureTransform.class);
        float[] scores = score(model, transform, read(artifact.resolve(StorageLayout.PARAMETERS)), holdout);
        return BinaryMetrics.of(scores, holdout.labels(transform));
    }

    private static float[] score(ModelSpec model, FeatureTransform transform, byte[] parameters, Holdout holdout) {
        try (TrainedModel trained = TrainedModel.load(model, transform.width(), parameters, Devices.best())) {
            return trained.probabilities(holdout.features(transform));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The candidate on each value of each slice column the gate names, from the raw holdout rows. */
    private static List<EvaluationGate.SliceResult> slices(PipelineSpec spec, Holdout holdout, float[] scores, float[] labels) {
        List<EvaluationGate.SliceResult> results = new ArrayList<>();
        for (String column : spec.evaluation().slices()) {
            Map<String, List<Integer>> byValue = new TreeMap<>();
            for (int i = 0; i < holdout.rows().size(); i++) {
                String cell = holdout.rows().get(i).get(column);
                String value = CellValues.isMissing(cell) ? "<missing>" : CellValues.category(cell);
                byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(i);
            }
            byValue.forEach((value, rows) -> {
                if (rows.size() >= MIN_SLICE_ROWS) {
                    float[] sliceScores = new float[rows.size()];
                    float[] sliceLabels = new float[rows.size()];
                    for (int k = 0; k < rows.size(); k++) {
                        sliceScores[k] = scores[rows.get(k)];
                        sliceLabels[k] = labels[rows.get(k)];
                    }
                    results.add(new EvaluationGate.SliceResult(column + "=" + value, rows.size(),
                            BinaryMetrics.of(sliceScores, sliceLabels)));
                }
            });
        }
        return results;
    }

    private void writeReport(S3Uri report, CheckpointWritten checkpoint, Map<String, Double> candidate,
            Optional<Map<String, Double>> production, List<EvaluationGate.SliceResult> slices,
            List<GateCheckResult> checks) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", checkpoint.getModelName());
        body.put("trainingRunId", checkpoint.getTrainingRunId());
        body.put("checkpoint", checkpoint.getUri());
        body.put("candidateMetrics", candidate);
        body.put("productionMetrics", production.orElse(null));
        body.put("slices", slices);
        body.put("checks", checks);
        body.put("passed", EvaluationGate.allPassed(checks));
        try {
            store.put(report, JSON.writeValueAsBytes(body), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The candidate as serving would load it: parameters, model spec and transform in one folder,
     * completion marker last. The registry registers and promotes this folder.
     */
    private S3Uri writeArtifact(CheckpointWritten checkpoint, ModelSpec model, byte[] parameters) {
        S3Uri artifact = StorageLayout.artifact(checkpoint.getModelName(), checkpoint.getTrainingRunId());
        try {
            store.put(artifact.resolve(StorageLayout.PARAMETERS), parameters, "application/octet-stream");
            store.put(artifact.resolve(StorageLayout.MODEL_SPEC), JSON.writeValueAsBytes(model), "application/json");
            store.put(artifact.resolve(StorageLayout.TRANSFORM), read(S3Uri.parse(checkpoint.getFeatures().getTransformUri())),
                    "application/json");
            store.put(artifact.resolve(StorageLayout.COMPLETE), new byte[0], "application/octet-stream");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return artifact;
    }

    private Holdout readHoldout(S3Uri uri) {
        try (InputStream in = store.open(uri); InputStreamReader text = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return Holdout.read(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri + ": " + e.getMessage(), e);
        }
    }

    private <T> T readJson(S3Uri uri, Class<T> type) {
        try {
            return JSON.readValue(read(uri), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri + " as " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private byte[] read(S3Uri uri) {
        return store.read(uri).orElseThrow(() -> new ObjectNotFoundException(uri));
    }
}

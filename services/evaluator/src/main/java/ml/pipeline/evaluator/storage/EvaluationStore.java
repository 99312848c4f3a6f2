package ml.pipeline.evaluator.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import ml.pipeline.core.features.FeatureTransform;
import ml.pipeline.core.spec.ModelSpec;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.evaluator.domain.EvaluationReport;
import ml.pipeline.evaluator.domain.Holdout;
import ml.pipeline.services.storage.ObjectStore;

/**
 * What the evaluator reads and writes in the store. It owns the artifact folder
 * ({@code models/<model>/<run>/artifact/}): written once per training run it scores, parameters,
 * model spec and transform, the completion marker last; the registry only points at it.
 */
@ApplicationScoped
public class EvaluationStore {
    private static final String BINARY = "application/octet-stream";

    private final ObjectStore store;

    public EvaluationStore(ObjectStore store) {
        this.store = store;
    }

    /** The raw holdout rows a features folder keeps ({@value StorageLayout#RAW_HOLDOUT}). */
    public Holdout holdout(S3Uri featuresFolder) {
        S3Uri uri = featuresFolder.resolve(StorageLayout.RAW_HOLDOUT);
        try (InputStream in = store.open(uri); InputStreamReader text = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return Holdout.read(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri + ": " + e.getMessage(), e);
        }
    }

    public FeatureTransform transform(S3Uri transformUri) {
        return store.readJson(transformUri, FeatureTransform.class);
    }

    /** The saved parameters in a checkpoint or artifact folder. */
    public byte[] parameters(S3Uri folder) {
        return store.readRequired(folder.resolve(StorageLayout.PARAMETERS));
    }

    /** Whether the folder records its model spec (an artifact does; a checkpoint does not). */
    public boolean hasModelSpec(S3Uri folder) {
        return store.exists(folder.resolve(StorageLayout.MODEL_SPEC));
    }

    /** The model spec an artifact's parameters belong to. */
    public ModelSpec modelSpec(S3Uri artifact) {
        return store.readJson(artifact.resolve(StorageLayout.MODEL_SPEC), ModelSpec.class);
    }

    /** The candidate as serving would load it: parameters, model spec and transform in one folder. */
    public S3Uri writeArtifact(String model, String trainingRunId, ModelSpec spec, byte[] parameters, S3Uri transformUri) {
        S3Uri artifact = StorageLayout.artifact(model, trainingRunId);
        store.put(artifact.resolve(StorageLayout.PARAMETERS), parameters, BINARY);
        store.putJson(artifact.resolve(StorageLayout.MODEL_SPEC), spec, true);
        store.put(artifact.resolve(StorageLayout.TRANSFORM), store.readRequired(transformUri), "application/json");
        store.put(artifact.resolve(StorageLayout.COMPLETE), new byte[0], BINARY);
        return artifact;
    }

    /** The report of the training run's latest evaluation, if it was evaluated. */
    public Optional<EvaluationReport> report(String model, String trainingRunId) {
        S3Uri uri = StorageLayout.evaluationReport(model, trainingRunId);
        return store.exists(uri) ? Optional.of(store.readJson(uri, EvaluationReport.class)) : Optional.empty();
    }

    /** {@code evaluation/report.json} of the training run. */
    public S3Uri writeReport(String model, String trainingRunId, EvaluationReport report) {
        S3Uri uri = StorageLayout.evaluationReport(model, trainingRunId);
        store.putJson(uri, report, true);
        return uri;
    }
}

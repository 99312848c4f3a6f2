package ml.pipeline.evaluator.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ml.pipeline.core.features.FeatureTransform;
import ml.pipeline.core.search.SuccessiveHalving;
import ml.pipeline.core.spec.ModelSpec;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.core.training.MetricsAt;
import ml.pipeline.core.validation.DatasetProfile;
import ml.pipeline.evaluator.domain.EvaluationReport;
import ml.pipeline.evaluator.domain.Holdout;
import ml.pipeline.evaluator.domain.ModelCard;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.EventJson;
import ml.pipeline.events.SpecRef;
import ml.pipeline.services.storage.ObjectStore;

/**
 * What the evaluator reads and writes in the store. It owns the artifact folder
 * ({@code models/<model>/<run>/artifact/}): written once per training run it scores, parameters,
 * model spec, transform and model card, the completion marker last; the registry only points at it.
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
    public S3Uri writeArtifact(String model, String trainingRunId, ModelSpec spec, byte[] parameters, S3Uri transformUri,
            ModelCard card) {
        S3Uri artifact = StorageLayout.artifact(model, trainingRunId);
        store.put(artifact.resolve(StorageLayout.PARAMETERS), parameters, BINARY);
        store.putJson(artifact.resolve(StorageLayout.MODEL_SPEC), spec, true);
        store.put(artifact.resolve(StorageLayout.TRANSFORM), store.readRequired(transformUri), "application/json");
        store.put(artifact.resolve(StorageLayout.MODEL_CARD_MARKDOWN), card.markdown().getBytes(StandardCharsets.UTF_8),
                "text/markdown; charset=utf-8");
        store.putJson(artifact.resolve(StorageLayout.MODEL_CARD_JSON), card.facts(), true);
        store.put(artifact.resolve(StorageLayout.COMPLETE), new byte[0], BINARY);
        return artifact;
    }

    /** The metrics history a checkpoint keeps (its run's training curves); empty for one from before it was kept. */
    public List<MetricsAt> trainingHistory(S3Uri checkpoint) {
        S3Uri uri = checkpoint.resolve(StorageLayout.CHECKPOINT_STATE);
        if (!store.exists(uri)) {
            return List.of();
        }
        List<MetricsAt> history = store.readJson(uri, CheckpointHistory.class).history();
        return history == null ? List.of() : history;
    }

    /** The part of the trainer's state.json the report reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CheckpointHistory(List<MetricsAt> history) {
    }

    /** A search's rung decisions as the trainer stored them, first rung first. */
    public List<RungDecision> rungs(String model, String searchId) {
        List<RungDecision> rungs = new ArrayList<>();
        for (int rung = 0; store.exists(StorageLayout.searchRung(model, searchId, rung)); rung++) {
            rungs.add(store.readJson(StorageLayout.searchRung(model, searchId, rung), RungDecision.class));
        }
        return rungs;
    }

    /** One rung: the trials' standings there, best first, and which went on. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RungDecision(int rung, int epochs, List<SuccessiveHalving.Standing> ranked, List<Integer> survivors) {
    }

    /** Validate's profile of the dataset, if it is still stored. */
    public Optional<DatasetProfile> profile(DatasetRef dataset) {
        S3Uri uri = StorageLayout.profile(dataset.getName(), dataset.getVersion());
        return store.exists(uri) ? Optional.of(store.readJson(uri, DatasetProfile.class)) : Optional.empty();
    }

    /** Validate's verdict on the dataset under the run's spec, if it kept one. */
    public Optional<DatasetValidated> validation(DatasetRef dataset, SpecRef spec) {
        S3Uri uri = StorageLayout.validation(dataset.getName(), dataset.getVersion(), spec.getHash());
        return store.exists(uri) ? Optional.of(EventJson.read(store.readRequired(uri), DatasetValidated.class))
                : Optional.empty();
    }

    /** {@code evaluation/report.html} beside report.json: the page a person reads. */
    public S3Uri writeReportPage(String model, String trainingRunId, String html) {
        S3Uri uri = StorageLayout.evaluationReportPage(model, trainingRunId);
        store.put(uri, html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
        return uri;
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

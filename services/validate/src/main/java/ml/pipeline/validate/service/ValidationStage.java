package ml.pipeline.validate.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.core.validation.DatasetValidator;
import ml.pipeline.core.validation.QualitySummary;
import ml.pipeline.core.validation.ValidationResult;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.SpecRef;
import ml.pipeline.services.spec.SpecSnapshots;
import ml.pipeline.services.storage.ObjectStore;

/**
 * Validates a published dataset against its run's spec snapshot and stores its profile next to
 * it ({@code datasets/<name>/<sha256>/profile.json}). Same bytes and spec, same profile: a
 * redelivered event rewrites an identical object.
 */
@ApplicationScoped
public class ValidationStage {
    private final ObjectStore store;
    private final SpecSnapshots specs;

    public ValidationStage(ObjectStore store, SpecSnapshots specs) {
        this.store = store;
        this.specs = specs;
    }

    /** The verdict, where the profile is, and the quality summary the event carries. */
    public record Outcome(ValidationResult result, S3Uri profileUri, Map<String, Double> quality) {
        public boolean passed() {
            return result.passed();
        }
    }

    public Outcome check(DatasetRef dataset, SpecRef specRef) {
        PipelineSpec spec = specs.load(specRef);
        ValidationResult result;
        try (InputStream bytes = store.open(S3Uri.parse(dataset.getUri()));
             Reader text = new InputStreamReader(bytes, StandardCharsets.UTF_8)) {
            result = DatasetValidator.validate(text, spec.dataset());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dataset.getUri() + ": " + e.getMessage(), e);
        }
        S3Uri profileUri = StorageLayout.profile(dataset.getName(), dataset.getVersion());
        store.putJson(profileUri, result.profile(), true);
        return new Outcome(result, profileUri, QualitySummary.of(result));
    }
}

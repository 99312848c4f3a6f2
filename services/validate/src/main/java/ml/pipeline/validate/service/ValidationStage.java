package ml.pipeline.validate.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import ml.pipeline.core.dataset.CsvFormatException;
import ml.pipeline.core.dataset.DatasetReader;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.drift.DriftCheck;
import ml.pipeline.core.drift.DriftReport;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.core.validation.DatasetValidator;
import ml.pipeline.core.validation.DatasetChecks;
import ml.pipeline.core.validation.DatasetProfile;
import ml.pipeline.core.validation.ValidationResult;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.EventJson;
import ml.pipeline.events.SpecRef;
import ml.pipeline.services.spec.SpecSnapshots;
import ml.pipeline.services.storage.DatasetFiles;
import ml.pipeline.services.storage.ObjectStore;
import ml.pipeline.services.storage.TemporaryFolders;

/**
 * Validates a published dataset against its run's spec snapshot and stores its profile next to
 * it ({@code datasets/<name>/<sha256>/profile.json}). Same bytes and spec, same profile: a
 * redelivered event rewrites an identical object.
 */
@ApplicationScoped
public class ValidationStage {
    private final ObjectStore store;
    private final SpecSnapshots specs;
    private final DriftBaselines baselines;

    public ValidationStage(ObjectStore store, SpecSnapshots specs, DriftBaselines baselines) {
        this.store = store;
        this.specs = specs;
        this.baselines = baselines;
    }

    /**
     * The contract's verdict (leaks included), where the profile is, the checks against the
     * contract, production and the clock (schema changes, freshness, time split, quality figures),
     * and the drift against the dataset behind the production model (computed once the contract holds).
     */
    public record Outcome(ValidationResult result, S3Uri profileUri, DatasetChecks checks, DriftReport drift) {
        public boolean passed() {
            return result.passed() && !checks.rejects() && !drift.rejects();
        }

        public Map<String, Double> quality() {
            return checks.quality();
        }
    }

    /** {@code publishedAt}: when the dataset was published, the time its freshness is judged at. */
    public Outcome check(DatasetRef dataset, SpecRef specRef, Instant publishedAt) {
        PipelineSpec spec = specs.load(specRef);
        ValidationResult result = validate(S3Uri.parse(dataset.getUri()), spec);
        DriftBaselines.Lookup lookup = baselines.of(spec.modelName());
        DatasetProfile production = lookup.baseline().map(DriftCheck.Baseline::profile).orElse(null);
        DatasetChecks checks = DatasetChecks.of(result, spec, publishedAt, production);
        S3Uri profileUri = StorageLayout.profile(dataset.getName(), dataset.getVersion());
        store.putJson(profileUri, result.profile().withQuality(checks.quality()), true);
        DriftReport drift = DriftReport.without("the dataset broke its contract: drift is not computed");
        if (result.passed()) {
            drift = lookup.baseline().map(baseline -> DriftCheck.compare(baseline, result.profile(), spec.dataset(), spec.drift()))
                    .orElseGet(() -> DriftReport.without(lookup.whyNone()));
        }
        return new Outcome(result, profileUri, checks, drift);
    }

    /** Stores the verdict beside the dataset ({@link StorageLayout#validation}), for the evaluation report. */
    public void keep(DatasetValidated verdict) {
        DatasetRef dataset = verdict.getDataset();
        store.put(StorageLayout.validation(dataset.getName(), dataset.getVersion(), verdict.getSpec().getHash()),
                EventJson.write(verdict), "application/json");
    }

    /** CSV or Parquet, read from a local copy (DuckDB reads Parquet from a file) that is deleted after. */
    private ValidationResult validate(S3Uri uri, PipelineSpec spec) {
        Path work = null;
        try {
            work = Files.createTempDirectory("validate-");
            Path local = DatasetFiles.download(store, uri, work);
            DatasetReader records;
            try {
                records = DatasetFiles.open(local, work);
            } catch (CsvFormatException e) {
                return DatasetValidator.malformed(e);
            }
            return DatasetValidator.validate(records, spec.dataset(), spec.leakage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri + ": " + e.getMessage(), e);
        } finally {
            TemporaryFolders.delete(work);
        }
    }
}

package ml.pipeline.validate.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.storage.ObjectStore;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.core.validation.ColumnProfile;
import ml.pipeline.core.validation.DatasetValidator;
import ml.pipeline.core.validation.ValidationResult;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.services.spec.SpecSnapshots;

/**
 * Validates a published dataset against its run's spec snapshot and stores its profile next to
 * it ({@code datasets/<name>/<sha256>/profile.json}). Same bytes and spec, same profile: a
 * redelivered event rewrites an identical object.
 */
@ApplicationScoped
public class DatasetChecks {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectStore store;
    private final SpecSnapshots specs;

    public DatasetChecks(ObjectStore store, SpecSnapshots specs) {
        this.store = store;
        this.specs = specs;
    }

    public record Outcome(ValidationResult result, S3Uri profileUri, Map<String, Double> quality) {
    }

    public Outcome check(DatasetPublished event) {
        PipelineSpec spec = specs.load(event.getSpec());
        ValidationResult result;
        try (InputStream bytes = store.open(S3Uri.parse(event.getDataset().getUri()));
             Reader text = new InputStreamReader(bytes, StandardCharsets.UTF_8)) {
            result = DatasetValidator.validate(text, spec.dataset());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + event.getDataset().getUri() + ": " + e.getMessage(), e);
        }
        S3Uri profileUri = StorageLayout.profile(event.getDataset().getName(), event.getDataset().getVersion());
        try {
            store.put(profileUri, JSON.writeValueAsBytes(result.profile()), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the profile as JSON", e);
        }
        return new Outcome(result, profileUri, quality(result));
    }

    /** The summary DatasetValidated carries: rows, columns, the share of empty cells, warnings. */
    static Map<String, Double> quality(ValidationResult result) {
        List<ColumnProfile> columns = List.copyOf(result.profile().columns().values());
        long cells = columns.stream().mapToLong(c -> c.count() + c.nulls()).sum();
        long empty = columns.stream().mapToLong(ColumnProfile::nulls).sum();
        Map<String, Double> quality = new LinkedHashMap<>();
        quality.put("rows", (double) result.profile().rows());
        quality.put("columns", (double) columns.size());
        quality.put("nullFraction", cells == 0 ? 0.0 : (double) empty / cells);
        quality.put("warnings", (double) result.warnings().size());
        return quality;
    }
}

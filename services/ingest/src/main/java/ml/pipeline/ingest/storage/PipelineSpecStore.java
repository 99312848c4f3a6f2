package ml.pipeline.ingest.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import ml.pipeline.core.ContentHash;
import ml.pipeline.core.spec.InvalidSpecException;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.spec.PipelineSpecParser;
import ml.pipeline.core.storage.ObjectStore;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.SpecRef;

/**
 * Pipeline specs in the object store: each pipeline's current spec, as its author wrote it
 * (comments kept), and the content-addressed snapshots that runs use.
 */
@ApplicationScoped
public class PipelineSpecStore {
    private static final String YAML = "application/yaml";

    private final ObjectStore store;
    private final PipelineSpecParser parser = new PipelineSpecParser();

    public PipelineSpecStore(ObjectStore store) {
        this.store = store;
    }

    /** Checks the spec and makes it the pipeline's current one. Throws {@link InvalidSpecException}. */
    public PipelineSpec save(String pipeline, String yaml) {
        PipelineSpec spec = parser.parse(yaml);
        if (!pipeline.equals(spec.pipeline())) {
            throw new InvalidSpecException(java.util.List.of("pipeline: the spec names '" + spec.pipeline()
                    + "' but was sent to '" + pipeline + "'"));
        }
        store.put(StorageLayout.currentSpec(pipeline), yaml.getBytes(StandardCharsets.UTF_8), YAML);
        return spec;
    }

    public Optional<String> current(String pipeline) {
        return store.read(StorageLayout.currentSpec(pipeline)).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** Freezes the pipeline's current spec for a run: the same text is stored once, under its hash. */
    public Optional<SpecRef> snapshot(String pipeline) {
        return store.read(StorageLayout.currentSpec(pipeline)).map(bytes -> {
            String hash = ContentHash.sha256(bytes);
            S3Uri uri = StorageLayout.specSnapshot(hash);
            store.putIfAbsent(uri, bytes, YAML);
            return SpecRef.newBuilder().setUri(uri.toString()).setHash(hash).build();
        });
    }
}

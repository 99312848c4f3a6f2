package ml.pipeline.ingest.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import ml.pipeline.core.ContentHash;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.SpecRef;
import ml.pipeline.services.storage.ObjectStore;

/**
 * Pipeline specs in the object store: each pipeline's current spec, as its author wrote it
 * (comments kept), and the content-addressed snapshots that runs use.
 */
@ApplicationScoped
public class PipelineSpecStore {
    private static final String YAML = "application/yaml";

    private final ObjectStore store;

    public PipelineSpecStore(ObjectStore store) {
        this.store = store;
    }

    public void putCurrent(String pipeline, String yaml) {
        store.put(StorageLayout.currentSpec(pipeline), yaml.getBytes(StandardCharsets.UTF_8), YAML);
    }

    public Optional<String> current(String pipeline) {
        return store.read(StorageLayout.currentSpec(pipeline)).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** A snapshot stored before (a run's), by its hash; empty when none is stored under it. */
    public Optional<SpecRef> storedSnapshot(String sha256) {
        S3Uri uri = StorageLayout.specSnapshot(sha256);
        return store.read(uri).filter(bytes -> ContentHash.sha256(bytes).equals(sha256))
                .map(bytes -> SpecRef.newBuilder().setUri(uri.toString()).setHash(sha256).build());
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

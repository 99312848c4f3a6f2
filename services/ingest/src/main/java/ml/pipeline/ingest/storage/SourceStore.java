package ml.pipeline.ingest.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import ml.pipeline.core.source.ListedObject;
import ml.pipeline.core.source.PollResult;
import ml.pipeline.core.source.SourceLedger;
import ml.pipeline.core.source.SourceStatus;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.services.storage.ObjectStore;

/**
 * A source's record in the object store ({@link StorageLayout#source}): ingest keeps no database
 * (DESIGN.md), and this is ingest's own operational state, not a run's history (the registry's).
 * The pause is a marker of its own and what was seen is one marker per object or hash, written
 * once: two replicas polling at once, or a poll beside a pause, never undo each other's writes;
 * only {@code status.json} is last-writer-wins, and either writer's report is true.
 */
@ApplicationScoped
public class SourceStore {
    private static final String JSON = "application/json";

    private final ObjectStore store;

    public SourceStore(ObjectStore store) {
        this.store = store;
    }

    public Optional<SourceStatus> status(String pipeline) {
        S3Uri uri = StorageLayout.source(pipeline).resolve(StorageLayout.SOURCE_STATUS);
        return store.exists(uri) ? Optional.of(store.readJson(uri, SourceStatus.class)) : Optional.empty();
    }

    public void putStatus(String pipeline, SourceStatus status) {
        store.putJson(StorageLayout.source(pipeline).resolve(StorageLayout.SOURCE_STATUS), status, true);
    }

    public boolean paused(String pipeline) {
        return store.exists(pausedMarker(pipeline));
    }

    public void setPaused(String pipeline, boolean paused) {
        if (paused) {
            store.put(pausedMarker(pipeline), "paused\n".getBytes(StandardCharsets.UTF_8), "text/plain");
        } else {
            store.delete(pausedMarker(pipeline));
        }
    }

    /** What the source read and saw so far: two listings, however many objects it polled. */
    public SourceLedger ledger(String pipeline) {
        return new SourceLedger(names(pipeline, StorageLayout.SOURCE_READ), seenHashes(pipeline));
    }

    public Set<String> seenHashes(String pipeline) {
        return names(pipeline, StorageLayout.SOURCE_SEEN);
    }

    /** Remembers that {@code object}, as listed, was read (and what came of it). */
    public void markRead(String pipeline, ListedObject object, String sha256, PollResult result) {
        store.putJson(folder(pipeline, StorageLayout.SOURCE_READ).resolve(object.marker()),
                Map.of("key", object.key(), "etag", object.etag(), "sha256", sha256 == null ? "" : sha256,
                        "outcome", result.kind().name().toLowerCase(java.util.Locale.ROOT)), false);
    }

    /** Remembers these bytes; the first record of them is kept (a later one says nothing new). */
    public void markSeen(String pipeline, String sha256, PollResult result) {
        S3Uri uri = folder(pipeline, StorageLayout.SOURCE_SEEN).resolve(sha256);
        String body = "{\"item\": \"" + result.item().replace("\\", "\\\\").replace("\"", "\\\"") + "\", \"outcome\": \""
                + result.kind().name().toLowerCase(java.util.Locale.ROOT) + "\""
                + (result.runId() == null ? "" : ", \"runId\": \"" + result.runId() + "\"") + "}\n";
        store.putIfAbsent(uri, body.getBytes(StandardCharsets.UTF_8), JSON);
    }

    private Set<String> names(String pipeline, String kind) {
        S3Uri folder = folder(pipeline, kind);
        return store.list(folder).stream().map(S3Uri::fileName).filter(name -> !name.isEmpty()).collect(Collectors.toSet());
    }

    private static S3Uri folder(String pipeline, String kind) {
        return StorageLayout.source(pipeline).resolve(kind);
    }

    private static S3Uri pausedMarker(String pipeline) {
        return StorageLayout.source(pipeline).resolve(StorageLayout.SOURCE_PAUSED);
    }
}

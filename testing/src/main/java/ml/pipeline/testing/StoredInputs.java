package ml.pipeline.testing;

import java.nio.charset.StandardCharsets;
import ml.pipeline.core.ContentHash;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.SpecRef;

/**
 * What a run's first stages leave in the object store for the next one: a spec snapshot and a
 * dataset, each at its content address. Takes the store's put (a service test's injected
 * ObjectStore) so that this module stays free of the services' code.
 */
public final class StoredInputs {
    /** {@code ObjectStore::put}. */
    @FunctionalInterface
    public interface Put {
        void put(S3Uri uri, byte[] bytes, String contentType);
    }

    private StoredInputs() {
    }

    /** The spec snapshot of a run, as ingest freezes it: {@code specs/<sha256>.yaml}. */
    public static SpecRef spec(Put store, String yaml) {
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        String hash = ContentHash.sha256(bytes);
        S3Uri uri = StorageLayout.specSnapshot(hash);
        store.put(uri, bytes, "application/yaml");
        return SpecRef.newBuilder().setUri(uri.toString()).setHash(hash).build();
    }

    /** A dataset stored under its name and sha256, as ingest stores it. */
    public static DatasetRef dataset(Put store, String name, String csv) {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        DatasetRef dataset = EventFixtures.dataset(name, ContentHash.sha256(bytes));
        store.put(S3Uri.parse(dataset.getUri()), bytes, "text/csv");
        return dataset;
    }
}

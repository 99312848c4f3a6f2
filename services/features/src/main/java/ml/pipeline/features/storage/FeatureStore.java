package ml.pipeline.features.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Map;
import ml.pipeline.core.features.Split;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.services.storage.ObjectStore;

/**
 * Features folders ({@code features/<name>/<datasetSha>/<transformVersion>/}): the split files,
 * the raw holdout, transform.json and, written last, the completion marker (the row counts). A
 * folder without the marker is a crashed write: it is written again, never trusted.
 */
@ApplicationScoped
public class FeatureStore {
    private static final String CSV = "text/csv";

    private final ObjectStore store;

    public FeatureStore(ObjectStore store) {
        this.store = store;
    }

    public boolean isComplete(S3Uri folder) {
        return store.exists(folder.resolve(StorageLayout.COMPLETE));
    }

    /** {@code splitFiles}: each split's local file; {@code rawHoldout}: the holdout rows as they came. */
    public void write(S3Uri folder, Map<Split, Path> splitFiles, Path rawHoldout, byte[] transformJson,
            Map<Split, Long> rows) {
        splitFiles.forEach((split, file) -> store.put(split(folder, split), file, CSV));
        store.put(folder.resolve(StorageLayout.RAW_HOLDOUT), rawHoldout, CSV);
        store.put(folder.resolve(StorageLayout.TRANSFORM), transformJson, "application/json");
        store.putJson(folder.resolve(StorageLayout.COMPLETE), rows, false);
    }

    public static S3Uri split(S3Uri folder, Split split) {
        return folder.resolve(split.csvName());
    }
}

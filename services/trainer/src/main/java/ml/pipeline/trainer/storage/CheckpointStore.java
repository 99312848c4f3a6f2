package ml.pipeline.trainer.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.services.storage.ObjectStore;
import ml.pipeline.trainer.domain.Checkpoint;
import ml.pipeline.trainer.domain.TrainingState;

/**
 * Checkpoints in the object store: {@code models/<model>/<run>/checkpoints/step-NNNNNNNNN/} with
 * the parameters, the optimizer state, {@code state.json} and, written last, the completion
 * marker. Only complete checkpoints are resumed from; the last K are kept.
 */
@ApplicationScoped
public class CheckpointStore {
    private static final String PARAMETERS = StorageLayout.PARAMETERS;
    private static final String OPTIMIZER = "optimizer.bin";
    private static final String STATE = "state.json";

    private final ObjectStore store;

    public CheckpointStore(ObjectStore store) {
        this.store = store;
    }

    /** What state.json holds. */
    public record StoredState(long step, int epoch, int batchInEpoch, Map<String, Double> metrics, boolean finalCheckpoint) {
    }

    public record Stored(S3Uri folder, Checkpoint checkpoint, boolean finalCheckpoint) {
    }

    public S3Uri write(String model, String trainingRunId, Checkpoint checkpoint, boolean finalCheckpoint, int keep) {
        TrainingState state = checkpoint.state();
        S3Uri folder = StorageLayout.checkpoint(model, trainingRunId, state.step());
        store.put(folder.resolve(PARAMETERS), checkpoint.parameters(), "application/octet-stream");
        store.put(folder.resolve(OPTIMIZER), checkpoint.optimizer(), "application/octet-stream");
        store.putJson(folder.resolve(STATE), new StoredState(state.step(), state.epoch(), state.batchInEpoch(),
                state.metrics(), finalCheckpoint), false);
        store.put(folder.resolve(StorageLayout.COMPLETE), new byte[0], "application/octet-stream");
        pruneAllBut(model, trainingRunId, keep);
        return folder;
    }

    /** The newest complete checkpoint of the run, if any. */
    public Optional<Stored> latest(String model, String trainingRunId) {
        List<S3Uri> complete = completeFolders(model, trainingRunId);
        if (complete.isEmpty()) {
            return Optional.empty();
        }
        S3Uri folder = complete.getLast();
        StoredState state = store.readJson(folder.resolve(STATE), StoredState.class);
        Checkpoint checkpoint = new Checkpoint(
                new TrainingState(state.step(), state.epoch(), state.batchInEpoch(), state.metrics()),
                store.readRequired(folder.resolve(PARAMETERS)), store.readRequired(folder.resolve(OPTIMIZER)));
        return Optional.of(new Stored(folder, checkpoint, state.finalCheckpoint()));
    }

    private void pruneAllBut(String model, String trainingRunId, int keep) {
        List<S3Uri> complete = completeFolders(model, trainingRunId);
        for (S3Uri folder : complete.subList(0, Math.max(0, complete.size() - keep))) {
            // The marker first: a half-deleted checkpoint is never taken for a complete one.
            store.delete(folder.resolve(StorageLayout.COMPLETE));
            for (S3Uri object : store.list(folder)) {
                store.delete(object);
            }
        }
    }

    /** Folders of complete checkpoints, oldest first (zero-padded step numbers sort in order). */
    private List<S3Uri> completeFolders(String model, String trainingRunId) {
        Map<String, S3Uri> folders = new TreeMap<>();
        for (S3Uri object : store.list(StorageLayout.checkpoints(model, trainingRunId))) {
            if (object.fileName().equals(StorageLayout.COMPLETE)) {
                String key = object.key().substring(0, object.key().length() - StorageLayout.COMPLETE.length());
                folders.put(key, new S3Uri(object.bucket(), key));
            }
        }
        return List.copyOf(folders.values());
    }
}

package ml.pipeline.trainer.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.core.training.EarlyStopping;
import ml.pipeline.core.training.MetricsAt;
import ml.pipeline.core.training.StopReason;
import ml.pipeline.services.storage.ObjectStore;
import ml.pipeline.trainer.domain.Checkpoint;
import ml.pipeline.trainer.domain.TrainingState;

/**
 * Checkpoints in the object store: {@code models/<model>/<run>/checkpoints/step-NNNNNNNNN/} with
 * the parameters, the optimizer state, {@code state.json} and, written last, the completion
 * marker. Only complete checkpoints are resumed from; the last K are kept, and the best so far
 * (what the run ships) is never pruned.
 */
@ApplicationScoped
public class CheckpointStore {
    private static final String PARAMETERS = StorageLayout.PARAMETERS;
    private static final String OPTIMIZER = "optimizer.bin";
    private static final String STATE = StorageLayout.CHECKPOINT_STATE;

    private final ObjectStore store;

    public CheckpointStore(ObjectStore store) {
        this.store = store;
    }

    /**
     * What state.json holds; {@code stopReason} is set on the final checkpoint only. Checkpoints
     * written before early stopping existed have no best: their own step stands for it, and those
     * from before the history was kept have none. The evaluator reads the history of a final one
     * (its report draws the training curves).
     */
    public record StoredState(long step, int epoch, int batchInEpoch, Map<String, Double> metrics, boolean finalCheckpoint,
            Long bestStep, Double bestValue, Integer checksSinceBest, String stopReason, List<MetricsAt> history) {
    }

    /** A stored checkpoint, and the folder of the best checkpoint its run had written by then. */
    public record Stored(S3Uri folder, Checkpoint checkpoint, boolean finalCheckpoint, S3Uri bestFolder) {
    }

    public Stored write(String model, String trainingRunId, Checkpoint checkpoint, boolean finalCheckpoint, int keep) {
        TrainingState state = checkpoint.state();
        S3Uri folder = StorageLayout.checkpoint(model, trainingRunId, state.step());
        EarlyStopping.Progress progress = state.progress();
        store.put(folder.resolve(PARAMETERS), checkpoint.parameters(), "application/octet-stream");
        store.put(folder.resolve(OPTIMIZER), checkpoint.optimizer(), "application/octet-stream");
        store.putJson(folder.resolve(STATE), new StoredState(state.step(), state.epoch(), state.batchInEpoch(),
                state.metrics(), finalCheckpoint, progress.bestStep(), progress.bestValue(), progress.checksSinceBest(),
                state.stopped() == null ? null : state.stopped().eventName(), state.history()), false);
        store.put(folder.resolve(StorageLayout.COMPLETE), new byte[0], "application/octet-stream");
        S3Uri best = bestFolder(model, trainingRunId, state.step(), progress);
        pruneAllBut(model, trainingRunId, keep, best);
        return new Stored(folder, checkpoint, finalCheckpoint, best);
    }

    /** The newest complete checkpoint of the run, if any. */
    public Optional<Stored> latest(String model, String trainingRunId) {
        List<S3Uri> complete = completeFolders(model, trainingRunId);
        if (complete.isEmpty()) {
            return Optional.empty();
        }
        S3Uri folder = complete.getLast();
        StoredState stored = store.readJson(folder.resolve(STATE), StoredState.class);
        EarlyStopping.Progress progress = stored.bestStep() == null ? new EarlyStopping.Progress(stored.step(), null, 0)
                : new EarlyStopping.Progress(stored.bestStep(), stored.bestValue(), stored.checksSinceBest());
        TrainingState state = new TrainingState(stored.step(), stored.epoch(), stored.batchInEpoch(), stored.metrics(),
                progress, stopReason(stored), stored.history());
        Checkpoint checkpoint = new Checkpoint(state, store.readRequired(folder.resolve(PARAMETERS)),
                store.readRequired(folder.resolve(OPTIMIZER)));
        return Optional.of(new Stored(folder, checkpoint, stored.finalCheckpoint(),
                bestFolder(model, trainingRunId, stored.step(), progress)));
    }

    private static StopReason stopReason(StoredState stored) {
        if (stored.stopReason() != null) {
            return Arrays.stream(StopReason.values()).filter(r -> r.eventName().equals(stored.stopReason())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("unknown stop reason '" + stored.stopReason() + "'"));
        }
        // A final checkpoint from before stop reasons were recorded ran all its epochs.
        return stored.finalCheckpoint() ? StopReason.COMPLETED : null;
    }

    private static S3Uri bestFolder(String model, String trainingRunId, long step, EarlyStopping.Progress progress) {
        return StorageLayout.checkpoint(model, trainingRunId, progress.bestStep() > 0 ? progress.bestStep() : step);
    }

    private void pruneAllBut(String model, String trainingRunId, int keep, S3Uri best) {
        List<S3Uri> complete = completeFolders(model, trainingRunId);
        for (S3Uri folder : complete.subList(0, Math.max(0, complete.size() - keep))) {
            if (folder.equals(best)) {
                continue;
            }
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

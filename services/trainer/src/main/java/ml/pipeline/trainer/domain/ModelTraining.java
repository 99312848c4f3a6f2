package ml.pipeline.trainer.domain;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import ml.pipeline.core.evaluation.BinaryMetrics;
import ml.pipeline.core.features.SplitFiles.Examples;
import ml.pipeline.core.spec.ModelSpec;
import ml.pipeline.core.training.EarlyStopping;
import ml.pipeline.core.training.MetricsAt;
import ml.pipeline.core.training.StopReason;
import ml.pipeline.modeling.ModelBlocks;

/**
 * Trains a binary classifier with DJL (PyTorch engine), checkpointing every N optimizer steps and
 * stopping early once the validation metric has not improved for the spec's patience (the final
 * checkpoint's state names the best one, which is what the run ships). From a checkpoint it resumes exactly: same parameters, optimizer moments and data cursor, and
 * the same shuffle order, so an interrupted run ends where an uninterrupted one would.
 */
public final class ModelTraining {

    /** Receives each checkpoint; {@code last} marks the final one of the run (its state says why it stopped). */
    @FunctionalInterface
    public interface CheckpointSink {
        void write(Checkpoint checkpoint, boolean last) throws IOException;
    }

    private final ModelSpec spec;
    private final Device device;

    public ModelTraining(ModelSpec spec, Device device) {
        this.spec = spec;
        this.device = device;
    }

    public TrainingState train(Examples train, Examples validation, Optional<Checkpoint> resume, CheckpointSink sink)
            throws IOException {
        return train(train, validation, resume, sink, () -> false);
    }

    /**
     * As above; {@code stop} is asked before each step: when it says yes (the run was cancelled),
     * training ends at that step boundary, with no final checkpoint; those written stay.
     */
    public TrainingState train(Examples train, Examples validation, Optional<Checkpoint> resume, CheckpointSink sink,
            BooleanSupplier stop) throws IOException {
        return train(train, validation, resume, sink, stop, spec.epochs());
    }

    /**
     * As above, but only up to the end of epoch {@code epochBudget} (a search's rung), where a
     * checkpoint is written; from it a later call with a larger budget goes on exactly as an
     * uninterrupted run would. The run is finished only at its last epoch or when it stops early.
     */
    public TrainingState train(Examples train, Examples validation, Optional<Checkpoint> resume, CheckpointSink sink,
            BooleanSupplier stop, int epochBudget) throws IOException {
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training split is empty");
        }
        int width = train.featureNames().size();
        int batchSize = Math.min(spec.batchSize(), train.size());
        int batchesPerEpoch = (train.size() + batchSize - 1) / batchSize;
        Block block = ModelBlocks.of(spec);
        try (Model model = Model.newInstance("candidate", device);
             NDManager optimizerMemory = NDManager.newBaseManager(device)) {
            model.setBlock(block);
            ResumableAdam adam = new ResumableAdam(spec.learningRate().floatValue(), optimizerMemory);
            DefaultTrainingConfig config = new DefaultTrainingConfig(new LogitLoss())
                    .optOptimizer(adam)
                    .optDevices(new Device[] {device});
            try (Trainer trainer = model.newTrainer(config)) {
                Engine.getInstance().setRandomSeed((int) (long) spec.seed());
                trainer.initialize(new Shape(batchSize, width));
                adam.nameParameters(block);
                TrainingState state = TrainingState.start();
                if (resume.isPresent()) {
                    loadParameters(block, trainer.getManager(), resume.get().parameters(), new Shape(batchSize, width));
                    adam.restore(resume.get().optimizer());
                    state = resume.get().state();
                }
                EarlyStopping stopping = new EarlyStopping(spec.earlyStopping());
                // The whole split goes to the device once; each epoch gathers it in its shuffled
                // order there, and a batch is a slice of that: no copy from the heap per step.
                NDManager splitMemory = trainer.getManager().newSubManager();
                NDArray allRows = splitMemory.create(flatten(train, width), new Shape(train.size(), width));
                NDArray allLabels = splitMemory.create(train.labels(), new Shape(train.size(), 1));
                // The loss stays on the device too, summed there and read at checkpoints only.
                NDArray lossSum = splitMemory.zeros(new Shape());
                int lossCount = 0;
                int lastEpoch = Math.min(spec.epochs(), epochBudget);
                try {
                    for (int epoch = state.epoch(); epoch < lastEpoch; epoch++) {
                        NDArray[] shuffled = shuffled(splitMemory, allRows, allLabels, shuffle(train.size(), epoch));
                        int firstBatch = epoch == state.epoch() ? state.batchInEpoch() : 0;
                        for (int batch = firstBatch; batch < batchesPerEpoch; batch++) {
                            if (stop.getAsBoolean()) {
                                return state;
                            }
                            step(trainer, shuffled, batch * batchSize, Math.min(train.size(), (batch + 1) * batchSize), lossSum);
                            lossCount++;
                            boolean lastStep = epoch == spec.epochs() - 1 && batch == batchesPerEpoch - 1;
                            boolean budgetSpent = epoch == lastEpoch - 1 && batch == batchesPerEpoch - 1;
                            long step = state.step() + 1;
                            int nextEpoch = batch + 1 == batchesPerEpoch ? epoch + 1 : epoch;
                            int nextBatch = batch + 1 == batchesPerEpoch ? 0 : batch + 1;
                            state = new TrainingState(step, nextEpoch, nextBatch, state.metrics(), state.progress(), null, state.history());
                            if (step % spec.checkpointEverySteps() == 0 || lastStep || budgetSpent) {
                                Map<String, Double> metrics = new LinkedHashMap<>();
                                metrics.put("train_loss", (double) lossSum.getFloat() / lossCount);
                                metrics.putAll(validationMetrics(trainer, validation, width));
                                // A checkpoint only a search's budget asked for is not a patience check: the
                                // trial then stops and picks its best exactly as the same spec trained alone.
                                boolean onCadence = step % spec.checkpointEverySteps() == 0 || lastStep;
                                EarlyStopping.Progress progress = onCadence ? stopping.next(state.progress(), step, metrics)
                                        : state.progress();
                                StopReason stopped = stopping.exhausted(progress) ? StopReason.EARLY_STOPPED
                                        : lastStep ? StopReason.COMPLETED : null;
                                state = new TrainingState(step, nextEpoch, nextBatch, metrics, progress, stopped,
                                        state.historyWith(new MetricsAt(step, nextEpoch, metrics)));
                                sink.write(new Checkpoint(state, parameters(block), adam.save()), state.finished());
                                lossSum.subi(lossSum);
                                lossCount = 0;
                                if (state.finished()) {
                                    return state;
                                }
                            }
                        }
                        shuffled[0].close();
                        shuffled[1].close();
                    }
                    return state;
                } finally {
                    splitMemory.close();
                }
            }
        }
    }

    /**
     * Binary cross-entropy on logits as softplus(z) - z·y, averaged: the same value as DJL's
     * sigmoid binary cross-entropy (and as stable: softplus is computed stably by the engine) in
     * four engine operations instead of eight, forward and backward.
     */
    static final class LogitLoss extends Loss {
        LogitLoss() {
            super("LogitLoss");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray logits = predictions.singletonOrThrow();
            NDArray label = labels.singletonOrThrow().reshape(logits.getShape());
            return Activation.softPlus(logits).sub(logits.mul(label)).mean();
        }
    }

    /** The split's rows and labels in the epoch's order, on the device. */
    private static NDArray[] shuffled(NDManager memory, NDArray rows, NDArray labels, int[] order) {
        long[] positions = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            positions[i] = order[i];
        }
        try (NDArray index = memory.create(positions)) {
            return new NDArray[] {rows.get(new NDIndex("{}", index)), labels.get(new NDIndex("{}", index))};
        }
    }

    /** One optimizer step on the shuffled rows [from, to); the batch's mean loss is added to {@code lossSum}. */
    private static void step(Trainer trainer, NDArray[] shuffled, int from, int to, NDArray lossSum) {
        try (NDManager batchMemory = trainer.getManager().newSubManager()) {
            NDArray x = shuffled[0].get(from + ":" + to);
            NDArray y = shuffled[1].get(from + ":" + to);
            x.attach(batchMemory);
            y.attach(batchMemory);
            NDArray value;
            try (GradientCollector gradients = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(x));
                value = trainer.getLoss().evaluate(new NDList(y), predictions);
                gradients.backward(value);
            }
            try (NDArray detached = value.stopGradient()) {
                lossSum.addi(detached);
            }
            trainer.step();
        }
    }

    /** Loss, accuracy and ROC AUC on the validation split (no gradients, parameters unchanged). */
    private static Map<String, Double> validationMetrics(Trainer trainer, Examples validation, int width) {
        if (validation.size() == 0) {
            return Map.of();
        }
        try (NDManager memory = trainer.getManager().newSubManager()) {
            NDArray x = memory.create(flatten(validation, width), new Shape(validation.size(), width));
            NDArray y = memory.create(validation.labels(), new Shape(validation.size(), 1));
            NDArray logits = trainer.evaluate(new NDList(x)).singletonOrThrow();
            double loss = trainer.getLoss().evaluate(new NDList(y), new NDList(logits)).getFloat();
            double accuracy = logits.gt(0).toType(DataType.FLOAT32, false).eq(y)
                    .toType(DataType.FLOAT32, false).mean().getFloat();
            // Logits rank the rows as the probabilities do: the same ROC AUC without the sigmoid.
            double rocAuc = BinaryMetrics.rocAuc(logits.toFloatArray(), validation.labels());
            return Map.of("val_loss", loss, "val_accuracy", accuracy, "val_roc_auc", rocAuc);
        }
    }

    private int[] shuffle(int size, int epoch) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(spec.seed() * 1_000_003L + epoch);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static float[] flatten(Examples data, int width) {
        float[] flat = new float[data.size() * width];
        for (int i = 0; i < data.size(); i++) {
            System.arraycopy(data.features()[i], 0, flat, i * width, width);
        }
        return flat;
    }

    /**
     * Copies saved values into the trainer's own parameter arrays, in place: replacing the arrays
     * (Block.loadParameters) would leave the trainer's parameter store updating the old ones.
     */
    private void loadParameters(Block block, NDManager manager, byte[] saved, Shape inputShape) throws IOException {
        Block loaded = ModelBlocks.of(spec);
        try (NDManager scratch = manager.newSubManager()) {
            loaded.initialize(scratch, DataType.FLOAT32, inputShape);
            loaded.loadParameters(scratch, new DataInputStream(new ByteArrayInputStream(saved)));
            var source = loaded.getParameters();
            var target = block.getParameters();
            for (int i = 0; i < target.size(); i++) {
                target.get(i).getValue().getArray().set(java.nio.FloatBuffer.wrap(source.get(i).getValue().getArray().toFloatArray()));
            }
        } catch (MalformedModelException e) {
            throw new IOException("the checkpoint's parameters do not fit this model: " + e.getMessage(), e);
        }
    }

    private static byte[] parameters(Block block) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }
}

package ml.pipeline.core.spec;

import java.util.List;

/**
 * What to train and how: the hyperparameters, how often to checkpoint (keeping the last few, and
 * always the best), and when to stop early ({@link EarlyStoppingSpec}).
 */
public record ModelSpec(String name, ModelType type, List<Integer> hiddenLayers, Integer epochs, Integer batchSize,
        Double learningRate, Long seed, Integer checkpointEverySteps, Integer keepCheckpoints,
        EarlyStoppingSpec earlyStopping) {
    public ModelSpec {
        type = type == null ? ModelType.LOGISTIC : type;
        hiddenLayers = hiddenLayers == null ? (type == ModelType.MLP ? List.of(32, 16) : List.of()) : List.copyOf(hiddenLayers);
        epochs = epochs == null ? 10 : epochs;
        batchSize = batchSize == null ? 64 : batchSize;
        learningRate = learningRate == null ? 0.01 : learningRate;
        seed = seed == null ? 7L : seed;
        checkpointEverySteps = checkpointEverySteps == null ? 100 : checkpointEverySteps;
        keepCheckpoints = keepCheckpoints == null ? 3 : keepCheckpoints;
        earlyStopping = earlyStopping == null ? EarlyStoppingSpec.defaults() : earlyStopping;
    }
}

package ml.pipeline.core.spec;

import java.util.List;

/**
 * A hyperparameter search over the model: {@code trials} settings drawn from {@code space}
 * ({@code random}) or its grid ({@code grid}, every combination of the listed values, up to
 * {@code trials}), each trained as its own checkpointed training run from the {@code model}
 * block's other settings. With {@code scheduler: {type: successiveHalving}}, all trials first train
 * {@code minEpochs}; at each rung only the best 1/{@code reductionFactor} by {@code metric} go on,
 * with {@code reductionFactor} times the epochs, until the survivors reach their full epochs. The
 * winner's best checkpoint goes to the gate. The same seed and spec give the same trials and the
 * same winner.
 * <pre>
 * search:
 *   strategy: random
 *   trials: 8
 *   metric: val_roc_auc            # a checkpoint metric; direction from the metric (loss: min)
 *   space:
 *     learningRate: {min: 0.001, max: 0.1, scale: log}
 *     hiddenLayers: [[16], [32, 16], [64, 64]]
 *     batchSize: [32, 64]
 *   scheduler: {type: successiveHalving, minEpochs: 1, reductionFactor: 2}
 * </pre>
 */
public record SearchSpec(String strategy, Integer trials, Long seed, String metric, String direction, Space space,
        Scheduler scheduler) {
    public static final String RANDOM = "random";
    public static final String GRID = "grid";
    public static final List<String> STRATEGIES = List.of(RANDOM, GRID);
    public static final String MAX = "max";
    public static final String MIN = "min";
    public static final int MAX_TRIALS = 256;

    public SearchSpec {
        strategy = strategy == null ? RANDOM : strategy;
        trials = trials == null ? 8 : trials;
        metric = metric == null ? EarlyStoppingSpec.VAL_ROC_AUC : metric;
        direction = direction == null ? (EarlyStoppingSpec.VAL_LOSS.equals(metric) ? MIN : MAX) : direction;
        space = space == null ? new Space(null, null, null, null) : space;
        scheduler = scheduler == null ? new Scheduler(null, null, null) : scheduler;
    }

    public boolean higherIsBetter() {
        return MAX.equals(direction);
    }

    /**
     * What the trials vary; a setting left out keeps the model block's value. {@code learningRate}
     * is a range ({@code min}, {@code max}, {@code scale: log|linear}) or {@code values}; the others
     * list their choices.
     */
    public record Space(Range learningRate, List<List<Integer>> hiddenLayers, List<Integer> batchSize, List<Integer> epochs) {
        public Space {
            hiddenLayers = hiddenLayers == null ? List.of() : hiddenLayers.stream().map(List::copyOf).toList();
            batchSize = batchSize == null ? List.of() : List.copyOf(batchSize);
            epochs = epochs == null ? List.of() : List.copyOf(epochs);
        }
    }

    /** A number's range (drawn log-uniformly by default, for a learning rate) or its listed values. */
    public record Range(Double min, Double max, String scale, List<Double> values) {
        public static final String LOG = "log";
        public static final String LINEAR = "linear";

        public Range {
            scale = scale == null ? LOG : scale;
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    /** {@code none} trains every trial fully; {@code successiveHalving} stops the weak ones at rungs. */
    public record Scheduler(String type, Integer minEpochs, Integer reductionFactor) {
        public static final String NONE = "none";
        public static final String SUCCESSIVE_HALVING = "successiveHalving";
        public static final List<String> TYPES = List.of(NONE, SUCCESSIVE_HALVING);

        public Scheduler {
            type = type == null ? NONE : type;
            minEpochs = minEpochs == null ? 1 : minEpochs;
            reductionFactor = reductionFactor == null ? 2 : reductionFactor;
        }

        public boolean halves() {
            return SUCCESSIVE_HALVING.equals(type);
        }
    }
}

package ml.pipeline.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import ml.pipeline.core.spec.ModelSpec;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.spec.SearchSpec;

/**
 * The trials a search makes from the model block: drawn from the space with the search's seed
 * ({@code random}) or taken in order from its grid ({@code grid}). Deterministic: the same spec
 * always gives the same trials in the same order.
 */
public final class SearchPlan {
    private SearchPlan() {
    }

    /**
     * The model spec a training run of this pipeline trained: the model block's for trial 0 (no
     * search), else that trial's, drawn again (the draw is deterministic).
     */
    public static ModelSpec modelOf(PipelineSpec spec, int trial) {
        if (trial == 0) {
            return spec.model();
        }
        List<Trial> trials = spec.search() == null ? List.of() : trials(spec.model(), spec.search());
        if (trial < 1 || trial > trials.size()) {
            throw new IllegalArgumentException("trial " + trial + " is not one of the " + trials.size()
                    + " trials of " + spec.pipeline() + "'s search");
        }
        return trials.get(trial - 1).model();
    }

    public static List<Trial> trials(ModelSpec base, SearchSpec search) {
        return SearchSpec.GRID.equals(search.strategy()) ? grid(base, search) : random(base, search);
    }

    private static List<Trial> random(ModelSpec base, SearchSpec search) {
        SearchSpec.Space space = search.space();
        SplittableRandom random = new SplittableRandom(search.seed() != null ? search.seed() : base.seed());
        List<Trial> trials = new ArrayList<>();
        for (int number = 1; number <= search.trials(); number++) {
            // Every dimension draws on every trial, so leaving one out never reshuffles the others.
            double learningRate = draw(space.learningRate(), base.learningRate(), random);
            List<Integer> layers = pick(space.hiddenLayers(), base.hiddenLayers(), random);
            int batchSize = pick(space.batchSize(), base.batchSize(), random);
            int epochs = pick(space.epochs(), base.epochs(), random);
            trials.add(new Trial(number, with(base, layers, epochs, batchSize, learningRate)));
        }
        return trials;
    }

    private static List<Trial> grid(ModelSpec base, SearchSpec search) {
        SearchSpec.Space space = search.space();
        List<Double> rates = space.learningRate() == null || space.learningRate().values().isEmpty()
                ? List.of(base.learningRate()) : space.learningRate().values();
        List<List<Integer>> layers = space.hiddenLayers().isEmpty() ? List.of(base.hiddenLayers()) : space.hiddenLayers();
        List<Integer> batches = space.batchSize().isEmpty() ? List.of(base.batchSize()) : space.batchSize();
        List<Integer> epochs = space.epochs().isEmpty() ? List.of(base.epochs()) : space.epochs();
        List<Trial> trials = new ArrayList<>();
        for (List<Integer> layer : layers) {
            for (int batch : batches) {
                for (int epoch : epochs) {
                    for (double rate : rates) {
                        if (trials.size() < search.trials()) {
                            trials.add(new Trial(trials.size() + 1, with(base, layer, epoch, batch, rate)));
                        }
                    }
                }
            }
        }
        return trials;
    }

    /** How many trials a grid has before {@code trials} cuts it. */
    public static int gridSize(ModelSpec base, SearchSpec.Space space) {
        int rates = space.learningRate() == null || space.learningRate().values().isEmpty() ? 1
                : space.learningRate().values().size();
        return rates * Math.max(1, space.hiddenLayers().size()) * Math.max(1, space.batchSize().size())
                * Math.max(1, space.epochs().size());
    }

    private static double draw(SearchSpec.Range range, double fallback, SplittableRandom random) {
        double u = random.nextDouble();
        if (range == null) {
            return fallback;
        }
        if (!range.values().isEmpty()) {
            return range.values().get((int) Math.min(range.values().size() - 1, Math.floor(u * range.values().size())));
        }
        if (SearchSpec.Range.LINEAR.equals(range.scale())) {
            return range.min() + u * (range.max() - range.min());
        }
        return Math.exp(Math.log(range.min()) + u * (Math.log(range.max()) - Math.log(range.min())));
    }

    private static <T> T pick(List<T> choices, T fallback, SplittableRandom random) {
        int index = random.nextInt(Math.max(1, choices.size()));
        return choices.isEmpty() ? fallback : choices.get(index);
    }

    private static ModelSpec with(ModelSpec base, List<Integer> layers, int epochs, int batchSize, double learningRate) {
        return new ModelSpec(base.name(), base.type(), layers, epochs, batchSize, learningRate, base.seed(),
                base.checkpointEverySteps(), base.keepCheckpoints(), base.earlyStopping());
    }
}

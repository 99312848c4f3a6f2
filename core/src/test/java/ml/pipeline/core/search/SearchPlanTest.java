package ml.pipeline.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import ml.pipeline.core.search.SuccessiveHalving.Standing;
import ml.pipeline.core.spec.ModelSpec;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.spec.PipelineSpecParser;
import ml.pipeline.core.spec.SearchSpec;
import org.junit.jupiter.api.Test;

class SearchPlanTest {
    private static PipelineSpec spec(String search) {
        return new PipelineSpecParser().parse("""
                pipeline: s
                dataset:
                  label: y
                  columns: [{name: x, type: numeric}, {name: y, type: numeric}]
                model: {type: mlp, hiddenLayers: [8], epochs: 6, learningRate: 0.01, seed: 3}
                search: %s
                """.formatted(search));
    }

    @Test
    void randomTrialsAreDrawnFromTheSpaceTheSameEachTime() {
        PipelineSpec spec = spec("""
                {trials: 8, space: {learningRate: {min: 0.001, max: 0.1}, hiddenLayers: [[8], [16, 8]], batchSize: [16, 32]}}""");
        List<Trial> trials = SearchPlan.trials(spec.model(), spec.search());
        assertEquals(8, trials.size());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), trials.stream().map(Trial::number).toList());
        assertEquals(trials, SearchPlan.trials(spec.model(), spec.search()), "deterministic");
        for (Trial trial : trials) {
            ModelSpec model = trial.model();
            assertTrue(model.learningRate() >= 0.001 && model.learningRate() <= 0.1, model.toString());
            assertTrue(List.of(List.of(8), List.of(16, 8)).contains(model.hiddenLayers()));
            assertTrue(List.of(16, 32).contains(model.batchSize()));
            assertEquals(6, model.epochs(), "not in the space: the model block's");
            assertEquals(3L, model.seed());
        }
        assertTrue(new HashSet<>(trials.stream().map(t -> t.model().learningRate()).toList()).size() == 8, "distinct draws");
        PipelineSpec reseeded = spec("""
                {trials: 8, seed: 99, space: {learningRate: {min: 0.001, max: 0.1}}}""");
        assertNotEquals(trials.getFirst().model().learningRate(),
                SearchPlan.trials(reseeded.model(), reseeded.search()).getFirst().model().learningRate());
    }

    @Test
    void aGridTakesEveryCombinationUpToTrials() {
        PipelineSpec spec = spec("""
                {strategy: grid, trials: 100, space: {learningRate: {values: [0.01, 0.1]}, batchSize: [16, 32, 64]}}""");
        List<Trial> trials = SearchPlan.trials(spec.model(), spec.search());
        assertEquals(6, trials.size());
        assertEquals(6, SearchPlan.gridSize(spec.model(), spec.search().space()));
        assertEquals(6, new HashSet<>(trials.stream().map(Trial::model).toList()).size());
        PipelineSpec cut = spec("""
                {strategy: grid, trials: 4, space: {learningRate: {values: [0.01, 0.1]}, batchSize: [16, 32, 64]}}""");
        assertEquals(trials.subList(0, 4), SearchPlan.trials(cut.model(), cut.search()));
    }

    @Test
    void halvingRungsGrowByTheFactorAndEndAtTheFullEpochs() {
        assertEquals(List.of(1, 2, 4, 6), new SuccessiveHalving(1, 2, true).rungs(6));
        assertEquals(List.of(1, 3, 9, 10), new SuccessiveHalving(1, 3, true).rungs(10));
        assertEquals(List.of(5), new SuccessiveHalving(5, 2, true).rungs(5));
    }

    @Test
    void halvingKeepsTheBestShareAndRanksUnmeasuredTrialsLast() {
        SuccessiveHalving auc = new SuccessiveHalving(1, 2, true);
        List<Standing> standings = List.of(new Standing(1, 0.70), new Standing(2, 0.90), new Standing(3, null),
                new Standing(4, 0.80), new Standing(5, 0.90));
        assertEquals(List.of(2, 5, 4), auc.survivors(standings), "ceil(5 / 2) = 3; a tie goes to the lower trial");
        SuccessiveHalving loss = new SuccessiveHalving(1, 3, false);
        assertEquals(List.of(1, 4), loss.survivors(standings), "lowest first, ceil(5 / 3) = 2; NaN never survives first");
        assertEquals(List.of(3), loss.survivors(List.of(new Standing(3, Double.NaN))), "one trial always goes on");
    }

    @Test
    void aTrialsModelSpecIsDrawnAgainFromThePipelineSpec() {
        PipelineSpec spec = spec("{trials: 3, space: {hiddenLayers: [[4], [32, 16]]}}");
        List<Trial> trials = SearchPlan.trials(spec.model(), spec.search());
        assertEquals(trials.get(2).model(), SearchPlan.modelOf(spec, 3));
        assertEquals(spec.model(), SearchPlan.modelOf(spec, 0), "trial 0: no search, the model block");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SearchPlan.modelOf(spec, 4));
        assertTrue(e.getMessage().contains("trial 4 is not one of the 3 trials"), e.getMessage());
    }

    @Test
    void searchSpecDefaultsFollowTheMetric() {
        SearchSpec loss = spec("{metric: val_loss, space: {batchSize: [8]}}").search();
        assertEquals(SearchSpec.MIN, loss.direction());
        assertEquals(SearchSpec.MAX, spec("{space: {batchSize: [8]}}").search().direction());
        assertEquals("val_roc_auc", spec("{space: {batchSize: [8]}}").search().metric());
    }
}

package ml.pipeline.core.search;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ml.pipeline.core.spec.ModelSpec;

/** One trial of a search: its number (from 1; 0 is a run without a search) and the model spec it trains. */
public record Trial(int number, ModelSpec model) {

    /** The names of the hyperparameters whose values differ between these runs (a comparison's columns), in first-seen order. */
    public static List<String> varying(Collection<Map<String, String>> runs) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        runs.forEach(run -> run.forEach((name, value) -> values.computeIfAbsent(name, n -> new HashSet<>()).add(value)));
        return values.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
    }

    /** The resolved hyperparameters, as the run's record shows them. */
    public Map<String, String> hyperparameters() {
        return hyperparameters(model);
    }

    public static Map<String, String> hyperparameters(ModelSpec model) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("type", model.type().yamlName());
        parameters.put("hiddenLayers", model.hiddenLayers().toString());
        parameters.put("epochs", String.valueOf(model.epochs()));
        parameters.put("batchSize", String.valueOf(model.batchSize()));
        parameters.put("learningRate", String.valueOf(model.learningRate()));
        parameters.put("seed", String.valueOf(model.seed()));
        parameters.put("checkpointEverySteps", String.valueOf(model.checkpointEverySteps()));
        parameters.put("earlyStopping.metric", model.earlyStopping().metric());
        parameters.put("earlyStopping.patience", String.valueOf(model.earlyStopping().patience()));
        parameters.put("earlyStopping.minDelta", String.valueOf(model.earlyStopping().minDelta()));
        return parameters;
    }
}

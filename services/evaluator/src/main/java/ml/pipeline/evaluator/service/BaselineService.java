package ml.pipeline.evaluator.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import ml.pipeline.core.spec.ModelStage;
import ml.pipeline.events.ModelPromoted;

/**
 * The model each pipeline has in production, the baseline a candidate must beat, as the latest
 * ModelPromoted to production says. Learnt from the topic into memory, so it can lag the
 * registry between topics; the registry's database is the authority (see DESIGN.md).
 */
@ApplicationScoped
public class BaselineService {
    private final Map<String, ModelPromoted> byPipeline = new ConcurrentHashMap<>();

    public void promoted(ModelPromoted event) {
        if (ModelStage.PRODUCTION.stageName().equals(event.getStage())) {
            byPipeline.put(event.getMeta().getPipeline(), event);
        }
    }

    public Optional<ModelPromoted> current(String pipeline) {
        return Optional.ofNullable(byPipeline.get(pipeline));
    }
}

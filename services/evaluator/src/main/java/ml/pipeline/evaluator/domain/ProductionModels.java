package ml.pipeline.evaluator.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import ml.pipeline.core.spec.PromotionPolicy;
import ml.pipeline.events.ModelPromoted;

/** The model each pipeline has in production, as the latest ModelPromoted to production says. */
@ApplicationScoped
public class ProductionModels {
    private final Map<String, ModelPromoted> byPipeline = new ConcurrentHashMap<>();

    public void promoted(ModelPromoted event) {
        if (PromotionPolicy.PRODUCTION.equals(event.getStage())) {
            byPipeline.put(event.getMeta().getPipeline(), event);
        }
    }

    public Optional<ModelPromoted> current(String pipeline) {
        return Optional.ofNullable(byPipeline.get(pipeline));
    }
}

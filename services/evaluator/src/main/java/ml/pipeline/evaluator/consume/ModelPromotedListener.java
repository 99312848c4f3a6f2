package ml.pipeline.evaluator.consume;

import jakarta.enterprise.context.ApplicationScoped;
import ml.pipeline.evaluator.domain.ProductionModels;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.Topic;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Learns the model in production of each pipeline: the baseline a candidate must beat. */
@ApplicationScoped
public class ModelPromotedListener {
    private final ProductionModels production;

    public ModelPromotedListener(ProductionModels production) {
        this.production = production;
    }

    @Incoming(Topic.Names.MODELS_PROMOTED)
    public void onPromoted(ModelPromoted event) {
        production.promoted(event);
    }
}

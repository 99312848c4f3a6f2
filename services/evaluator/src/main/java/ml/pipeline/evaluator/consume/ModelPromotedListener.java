package ml.pipeline.evaluator.consume;

import jakarta.enterprise.context.ApplicationScoped;
import ml.pipeline.evaluator.service.BaselineService;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.Topic;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Learns the model in production of each pipeline: the baseline a candidate must beat. */
@ApplicationScoped
public class ModelPromotedListener {
    private final BaselineService baselines;

    public ModelPromotedListener(BaselineService baselines) {
        this.baselines = baselines;
    }

    @Incoming(Topic.Names.MODELS_PROMOTED)
    public void onPromoted(ModelPromoted event) {
        baselines.promoted(event);
    }
}

package ml.pipeline.evaluator.consume;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import ml.pipeline.evaluator.service.BaselineService;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.Topic;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Learns the model in production of each model name: the baseline a candidate must beat. */
@ApplicationScoped
public class ModelPromotedListener {
    private final BaselineService baselines;

    public ModelPromotedListener(BaselineService baselines) {
        this.baselines = baselines;
    }

    @Incoming(Topic.Names.MODELS_PROMOTED)
    public CompletionStage<Void> onPromoted(Message<ModelPromoted> message) {
        IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        baselines.promoted(message.getPayload(), record.getPartition(), record.getOffset());
        return message.ack();
    }
}

package ml.pipeline.services.metrics;

import io.smallrye.reactive.messaging.OutgoingInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import ml.pipeline.events.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Counts the events every Kafka channel sends, once the broker acknowledged them, and those it
 * refused. The topic is the event's own (each topic carries one event type). Without an
 * {@code @Identifier} it applies to all outgoing channels.
 */
@ApplicationScoped
public class OutgoingEventCounter implements OutgoingInterceptor {
    private final PipelineMetrics metrics;

    public OutgoingEventCounter(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onMessageAck(Message<?> message) {
        metrics.eventOut(topicOf(message));
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        metrics.eventFailed(topicOf(message), "out");
    }

    @SuppressWarnings("unchecked")
    private static String topicOf(Message<?> message) {
        if (message.getPayload() instanceof SpecificRecord event) {
            return Topic.byEventClass((Class<? extends SpecificRecord>) event.getClass()).map(Topic::topicName)
                    .orElse("unknown");
        }
        return "unknown";
    }
}

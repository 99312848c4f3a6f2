package ml.pipeline.services.metrics;

import io.smallrye.reactive.messaging.IncomingInterceptor;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Counts the events every Kafka channel reads, and those its handler failed on (they go to the
 * dead-letter topic). Without an {@code @Identifier} it applies to all incoming channels.
 */
@ApplicationScoped
public class IncomingEventCounter implements IncomingInterceptor {
    private final PipelineMetrics metrics;

    public IncomingEventCounter(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Message<?> afterMessageReceive(Message<?> message) {
        metrics.eventIn(topicOf(message));
        return message;
    }

    @Override
    public void onMessageAck(Message<?> message) {
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        metrics.eventFailed(topicOf(message), "in");
    }

    private static String topicOf(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic)
                .orElse("unknown");
    }
}

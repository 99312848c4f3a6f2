package ml.pipeline.services.messaging;

import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.net.URI;
import java.time.ZoneOffset;
import ml.pipeline.events.EventKeys;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.EventMetas;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * An event as a Kafka message: keyed by its pipeline (one pipeline's events stay in order), with
 * CloudEvents binary-mode headers (ce_id = the event's id) that Kafka UI shows, and the trace it
 * continues (the connector writes its {@code traceparent} and baggage headers). Sent through
 * {@link EventSender}.
 */
public final class EventMessages {
    private static final String TYPE_PREFIX = "ml.pipeline.";

    private EventMessages() {
    }

    public static <E extends SpecificRecord> Message<E> of(E event, Context trace) {
        EventMeta meta = EventMetas.of(event);
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(EventKeys.of(meta))
                .build();
        OutgoingCloudEventMetadata<E> cloudEvent = OutgoingCloudEventMetadata.<E>builder()
                .withId(meta.getEventId())
                .withType(TYPE_PREFIX + event.getSchema().getName())
                .withSource(URI.create("/pipeline/" + meta.getProducer()))
                .withTimestamp(meta.getOccurredAt().atZone(ZoneOffset.UTC))
                .build();
        return Message.of(event, Metadata.of(kafka, cloudEvent, TracingMetadata.withCurrent(trace)));
    }
}

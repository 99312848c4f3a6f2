package ml.pipeline.events;

import java.time.Clock;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds the {@code meta} envelope of the events a service emits: a run starts with a publish,
 * and every later event carries the run id on and names the event that caused it.
 */
public final class EventMetas {
    private final String producer;
    private final String producerVersion;
    private final Clock clock;

    public EventMetas(String producer, String producerVersion, Clock clock) {
        this.producer = producer;
        this.producerVersion = producerVersion;
        this.clock = clock;
    }

    /** The first event of a new run of {@code pipeline}. */
    public EventMeta startRun(String pipeline) {
        return startRun(pipeline, UUID.randomUUID().toString());
    }

    /** The first event of the run {@code runId} (an id the registry handed out for it). */
    public EventMeta startRun(String pipeline, String runId) {
        return EventMeta.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setPipeline(pipeline)
                .setRunId(runId)
                .setCausationId(null)
                .setOccurredAt(clock.instant())
                .setProducer(producer)
                .setProducerVersion(producerVersion)
                .build();
    }

    /** An event caused by {@code cause}: same pipeline and run (and the training run it reproduces, if any). */
    public EventMeta causedBy(EventMeta cause) {
        return EventMeta.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setPipeline(cause.getPipeline())
                .setRunId(cause.getRunId())
                .setCausationId(cause.getEventId())
                .setOccurredAt(clock.instant())
                .setProducer(producer)
                .setProducerVersion(producerVersion)
                .setReproduces(cause.getReproduces())
                .build();
    }

    /** The envelope of any event: every event's first field is its meta (EventContractTest holds them to it). */
    public static EventMeta of(SpecificRecord event) {
        if (!(event.get(0) instanceof EventMeta meta)) {
            throw new IllegalArgumentException(event.getSchema().getName() + " does not start with an EventMeta");
        }
        return meta;
    }
}

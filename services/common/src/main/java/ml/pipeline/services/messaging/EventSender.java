package ml.pipeline.services.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one way a service sends an event: built into a message by {@link EventMessages} and
 * acknowledged by the broker within the configured timeout, else a {@link
 * io.smallrye.mutiny.TimeoutException}, which the stage runner retries as a transient fault.
 */
@ApplicationScoped
public class EventSender {
    private final Duration timeout;

    public EventSender(MessagingSettings settings) {
        this.timeout = settings.sendTimeout();
    }

    /** Blocks until acknowledged: for stage work on a worker thread, whose next step needs the event out. */
    public <E extends SpecificRecord> void send(MutinyEmitter<E> channel, E event) {
        sendAsync(channel, event).await().indefinitely();
    }

    /** For reactive callers (the registry's transactions), which must not block their event loop. */
    public <E extends SpecificRecord> Uni<Void> sendAsync(MutinyEmitter<E> channel, E event) {
        return channel.sendMessage(EventMessages.of(event)).ifNoItem().after(timeout).fail();
    }
}

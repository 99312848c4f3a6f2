package ml.pipeline.services.messaging;

import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one way a service sends an event: built into a message by {@link EventMessages} and
 * acknowledged by the broker within the configured timeout, else a {@link
 * io.smallrye.mutiny.TimeoutException}, which the stage runner retries as a transient fault. An
 * event continues the trace it is given, or the current one: work that resumes after an
 * asynchronous step passes its context (see {@link ml.pipeline.services.tracing.RunTraces}).
 */
@ApplicationScoped
public class EventSender {
    private final Duration timeout;

    public EventSender(MessagingSettings settings) {
        this.timeout = settings.sendTimeout();
    }

    /** Blocks until acknowledged: for stage work on a worker thread, whose next step needs the event out. */
    public <E extends SpecificRecord> void send(MutinyEmitter<E> channel, E event) {
        send(channel, event, Context.current());
    }

    public <E extends SpecificRecord> void send(MutinyEmitter<E> channel, E event, Context trace) {
        sendAsync(channel, event, trace).await().indefinitely();
    }

    /** For reactive callers (the registry's transactions), which must not block their event loop. */
    public <E extends SpecificRecord> Uni<Void> sendAsync(MutinyEmitter<E> channel, E event) {
        return sendAsync(channel, event, Context.current());
    }

    public <E extends SpecificRecord> Uni<Void> sendAsync(MutinyEmitter<E> channel, E event, Context trace) {
        return channel.sendMessage(EventMessages.of(event, trace)).ifNoItem().after(timeout).fail();
    }
}

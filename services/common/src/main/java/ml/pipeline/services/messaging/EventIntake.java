package ml.pipeline.services.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The door consumed events pass through in a service whose handlers need resources that stop
 * with the service (the registry's database pool). Quarkus closes the pool before the Kafka
 * connector closes its consumers, one channel after another, and records keep arriving in
 * between: their handlers would fail, be nacked and land in the dead-letter topic, which is for
 * poison records only. So, once the service stops, an event is held: neither acknowledged nor
 * nacked, its offset is not committed and it comes again after the restart. Events already being
 * handled are waited for (up to {@link #DRAIN}) while the pool is still open.
 */
@ApplicationScoped
public class EventIntake {
    static final Duration DRAIN = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(EventIntake.class);

    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Notified when the last event in flight is done, so that the stop waits no longer than it must. */
    private final Object drained = new Object();

    /** The work of one event, or, once the service stops, a hold that never completes. */
    public <T> Uni<T> handle(String channel, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            if (stopping.get()) {
                return held(channel, null);
            }
            inFlight.incrementAndGet();
            Uni<T> handled;
            try {
                handled = work.get();
            } catch (RuntimeException e) {
                handled = Uni.createFrom().failure(e);
            }
            return handled
                    .onTermination().invoke(this::done)
                    .onFailure(failure -> stopping.get()).recoverWithUni(failure -> held(channel, failure));
        });
    }

    public boolean isStopping() {
        return stopping.get();
    }

    /** Before the pool closes (shutdown tasks run after this observer): stop taking events, finish those taken. */
    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        stopping.set(true);
        Instant deadline = Instant.now().plus(DRAIN);
        synchronized (drained) {
            while (inFlight.get() > 0 && Instant.now().isBefore(deadline)) {
                try {
                    drained.wait(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (inFlight.get() > 0) {
            LOG.warnf("stopping with %d event(s) still being handled after %s: they come again after the restart",
                    inFlight.get(), DRAIN);
        }
    }

    private void done() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    private <T> Uni<T> held(String channel, Throwable failure) {
        LOG.infof("stopping: an event of %s is left unacknowledged and comes again after the restart%s", channel,
                failure == null ? "" : " (its handling failed while stopping: " + failure + ")");
        return Uni.createFrom().nothing();
    }
}

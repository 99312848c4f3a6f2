package ml.pipeline.registry.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import ml.pipeline.registry.storage.OutboxStore;
import org.jboss.logging.Logger;

/**
 * Sends what a crash or a silent broker left owed: a committed promotion is always announced,
 * once it is late by the grace period. The entries are locked while they are sent (SKIP LOCKED),
 * so two registry replicas never send the same one at the same time.
 */
@ApplicationScoped
public class OutboxRelay {
    static final int BATCH = 50;
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxStore outbox;
    private final Announcer announcer;
    private final RegistrySettings settings;

    public OutboxRelay(OutboxStore outbox, Announcer announcer, RegistrySettings settings) {
        this.outbox = outbox;
        this.announcer = announcer;
        this.settings = settings;
    }

    /** Starts one period after start-up, when the outgoing channels are connected. */
    @Scheduled(every = "${pipeline.registry.outbox.relay-every}", delayed = "${pipeline.registry.outbox.relay-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        Instant before = Instant.now().minus(settings.outbox().grace());
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.unsent(before, BATCH)
                    .chain(entries -> announcer.announce(entries.stream().map(outbox::owed).toList()))));
        } catch (Throwable e) {
            // The database or the broker is away (or the service is stopping): the next round tries again.
            LOG.warnf("outbox relay: %s; trying again in %s", e, settings.outbox().relayEvery());
        }
    }
}

package ml.pipeline.registry.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import ml.pipeline.registry.storage.WebhookDeliveryEntity;
import ml.pipeline.registry.storage.WebhookDeliveryStore;
import org.jboss.logging.Logger;

/**
 * Takes up the webhook deliveries that a stopped registry left pending: those whose next attempt
 * is overdue by the grace period, which no running sender would let happen. They are locked while
 * taken (SKIP LOCKED) and their due time pushed forward before the lock is let go, so two replicas
 * never take the same one.
 */
@ApplicationScoped
public class WebhookRelay {
    static final int BATCH = 50;
    private static final Logger LOG = Logger.getLogger(WebhookRelay.class);

    private final WebhookDeliveryStore deliveries;
    private final WebhookSender sender;
    private final RegistrySettings settings;
    private final AtomicBoolean running = new AtomicBoolean();

    public WebhookRelay(WebhookDeliveryStore deliveries, WebhookSender sender, RegistrySettings settings) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.settings = settings;
    }

    /**
     * Hands the round to one of the sender's threads: in the packaged registry, Hibernate Reactive
     * called from the scheduler's own thread fails with "Pool closed" after a while (OutboxRelay's
     * log shows it), while the same call from a thread of no Vert.x context works.
     */
    @Scheduled(every = "${pipeline.registry.notify.relay-every}", delayed = "${pipeline.registry.notify.relay-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        if (running.compareAndSet(false, true)) {
            sender.execute(() -> {
                try {
                    relayNow();
                } finally {
                    running.set(false);
                }
            });
        }
    }

    private void relayNow() {
        Instant now = Instant.now();
        try {
            List<WebhookDeliveryEntity> taken = AlertService.await(() -> Panache.withTransaction(() -> deliveries
                    .overdue(now.minus(settings.notifications().relayGrace()), BATCH)
                    .call(overdue -> Multi.createFrom().iterable(overdue)
                            .onItem().transformToUniAndConcatenate(d -> {
                                d.nextAttemptAt = now.plus(settings.notifications().requestTimeout());
                                return deliveries.attempted(d);
                            }).collect().last())));
            if (!taken.isEmpty()) {
                LOG.infof("webhook relay: %d delivery(ies) left pending are sent again", taken.size());
            }
            taken.forEach(sender::deliver);
        } catch (RuntimeException e) {
            // The database is away (or the service is stopping): the next round tries again.
            LOG.warnf("webhook relay: %s; trying again in %s", e, settings.notifications().relayEvery());
        }
    }
}

package ml.pipeline.registry.storage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * The webhook deliveries in PostgreSQL. A delivery's id is derived from its event and url, so the
 * claim (an insert that ignores duplicates) is what keeps a redelivered event from alerting twice,
 * whichever registry replica sees it. Callers hold the session (a transaction).
 */
@ApplicationScoped
public class WebhookDeliveryStore {
    private static final String CLAIM = """
            INSERT INTO webhook_deliveries (delivery_id, event_id, pipeline, run_id, kind, url, secret_name, body, status,
                attempts, created_at, next_attempt_at)
            VALUES (:deliveryId, :eventId, :pipeline, :runId, :kind, :url, :secretName, :body, :status, 0, :createdAt, :nextAttemptAt)
            ON CONFLICT (delivery_id) DO NOTHING""";
    private static final String ATTEMPTED = """
            UPDATE webhook_deliveries SET status = :status, attempts = :attempts, last_status = :lastStatus,
                last_error = :lastError, next_attempt_at = :nextAttemptAt, finished_at = :finishedAt
            WHERE delivery_id = :deliveryId""";
    private static final String OVERDUE = """
            SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at < :before
            ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED""";

    /** The deliveries that were not claimed before (by this event's earlier delivery, or another replica). */
    public Uni<List<WebhookDeliveryEntity>> claim(List<WebhookDeliveryEntity> deliveries) {
        return Multi.createFrom().iterable(deliveries)
                .onItem().transformToUniAndConcatenate(d -> Panache.getSession().chain(session -> session.createNativeQuery(CLAIM)
                        .setParameter("deliveryId", d.deliveryId).setParameter("eventId", d.eventId)
                        .setParameter("pipeline", d.pipeline).setParameter("runId", d.runId).setParameter("kind", d.kind)
                        .setParameter("url", d.url).setParameter("secretName", d.secretName).setParameter("body", d.body)
                        .setParameter("status", WebhookDeliveryEntity.PENDING).setParameter("createdAt", d.createdAt)
                        .setParameter("nextAttemptAt", d.nextAttemptAt)
                        .executeUpdate())
                        .map(inserted -> inserted == 1 ? d : null))
                .filter(d -> d != null)
                .collect().asList();
    }

    /** What an attempt left: the status, the count, the answer and, while pending, when the next attempt is due. */
    public Uni<Void> attempted(WebhookDeliveryEntity d) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ATTEMPTED)
                .setParameter("status", d.status).setParameter("attempts", d.attempts).setParameter("lastStatus", d.lastStatus)
                .setParameter("lastError", d.lastError).setParameter("nextAttemptAt", d.nextAttemptAt)
                .setParameter("finishedAt", d.finishedAt).setParameter("deliveryId", d.deliveryId)
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * Pending deliveries whose next attempt was due before {@code before}: nobody is working on
     * them. Locked for this transaction; a relay pushes their due time forward before it commits.
     */
    public Uni<List<WebhookDeliveryEntity>> overdue(Instant before, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(OVERDUE, WebhookDeliveryEntity.class)
                .setParameter("before", before).setParameter("limit", limit).getResultList());
    }

    /** A run's deliveries, oldest first. */
    public Uni<List<WebhookDeliveryEntity>> ofRun(String runId) {
        return WebhookDeliveryEntity.list("runId = ?1 order by createdAt", runId);
    }
}

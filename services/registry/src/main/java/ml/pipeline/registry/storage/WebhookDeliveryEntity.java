package ml.pipeline.registry.storage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One alert to one webhook: the body sent on every attempt, where it stands ({@link #PENDING},
 * {@link #DELIVERED}, {@link #FAILED}), how many attempts were made and what the last one got.
 * Written by {@link WebhookDeliveryStore}.
 */
@Entity
@Table(name = "webhook_deliveries")
public class WebhookDeliveryEntity extends PanacheEntityBase {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    @Id
    @Column(name = "delivery_id")
    public String deliveryId;
    @Column(name = "event_id")
    public String eventId;
    public String pipeline;
    @Column(name = "run_id")
    public String runId;
    public String kind;
    public String url;
    /** The name of the registry's setting that holds the signing secret; null: unsigned. */
    @Column(name = "secret_name")
    public String secretName;
    public String body;
    public String status;
    public int attempts;
    /** The HTTP status of the last attempt; null: no answer (refused, timed out) or none made. */
    @Column(name = "last_status")
    public Integer lastStatus;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
    /** When the next attempt is due (or, while one is made, should be over): the relay takes up what is long past it. */
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
}

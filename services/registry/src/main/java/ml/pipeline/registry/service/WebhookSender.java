package ml.pipeline.registry.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import ml.pipeline.core.Texts;
import ml.pipeline.core.notify.DeliverySchedule;
import ml.pipeline.core.notify.WebhookSignature;
import ml.pipeline.core.spec.NotifySpec;
import ml.pipeline.registry.storage.WebhookDeliveryEntity;
import ml.pipeline.registry.storage.WebhookDeliveryStore;
import ml.pipeline.services.metrics.PipelineMetrics;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Delivers claimed alerts: POSTs the stored body to the hook with its headers
 * ({@code X-Pipeline-Event}, {@code X-Pipeline-Delivery}, {@code X-Pipeline-Timestamp},
 * {@code X-Pipeline-Attempt} and, with a secret, {@code X-Pipeline-Signature}), and tries again with
 * backoff ({@link DeliverySchedule}) while waiting may help, recording every attempt. Each delivery
 * runs on a virtual thread of its own, apart from Kafka's and Vert.x's threads, so a hook that is
 * slow or down holds up nothing but its own delivery. The secret is read from the registry's
 * configuration when the request is made ({@code pipeline.webhook.secret.<NAME>}); a hook whose
 * secret is not set is never sent unsigned: its delivery fails, saying which setting is missing.
 */
@ApplicationScoped
public class WebhookSender {
    public static final String EVENT_HEADER = "X-Pipeline-Event";
    public static final String DELIVERY_HEADER = "X-Pipeline-Delivery";
    public static final String TIMESTAMP_HEADER = "X-Pipeline-Timestamp";
    public static final String ATTEMPT_HEADER = "X-Pipeline-Attempt";
    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    /** Of an answer that is not 2xx, this much of the body is kept, to say why. */
    private static final int ANSWER_QUOTED = 300;

    private final WebhookDeliveryStore deliveries;
    private final PipelineMetrics metrics;
    private final Config config;
    private final DeliverySchedule schedule;
    private final Duration requestTimeout;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-", 0).factory());
    private final HttpClient http;

    public WebhookSender(WebhookDeliveryStore deliveries, PipelineMetrics metrics, Config config, RegistrySettings settings) {
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.config = config;
        RegistrySettings.Notify notify = settings.notifications();
        this.schedule = new DeliverySchedule(notify.attempts(), notify.firstRetry(), notify.maxRetry());
        this.requestTimeout = notify.requestTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .executor(threads).build();
    }

    /** Runs {@code task} on a thread of its own (not the caller's); dropped, and said, while the registry stops. */
    public void execute(Runnable task) {
        try {
            threads.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.warn("the registry is stopping: an alert is left to the relay, or dropped if it was not claimed yet");
        }
    }

    /** Sends a claimed delivery from its next attempt on (the first, or where a stopped registry left it). */
    public void deliver(WebhookDeliveryEntity delivery) {
        execute(() -> run(delivery));
    }

    private void run(WebhookDeliveryEntity d) {
        Optional<String> secret = Optional.empty();
        if (d.secretName != null) {
            secret = config.getOptionalValue(NotifySpec.Webhook.secretSetting(d.secretName), String.class).filter(s -> !s.isEmpty());
            if (secret.isEmpty()) {
                String missing = "the webhook secret " + d.secretName + " is not set: set "
                        + NotifySpec.Webhook.secretVariable(d.secretName) + " (or " + NotifySpec.Webhook.secretSetting(d.secretName)
                        + ") for the registry";
                LOG.warnf("%s alert to %s not sent: %s", d.kind, d.url, missing);
                finish(d, WebhookDeliveryEntity.FAILED, null, missing);
                return;
            }
        }
        byte[] body = d.body.getBytes(StandardCharsets.UTF_8);
        int first = d.attempts + 1;
        for (int attempt = first; ; attempt++) {
            if (attempt > schedule.attempts()) {
                finish(d, WebhookDeliveryEntity.FAILED, d.lastStatus, d.lastError);
                return;
            }
            if (attempt > first && !pause(schedule.delayBefore(attempt))) {
                return; // stopping: the relay takes it up after the restart
            }
            Answer answer = post(d, body, secret, attempt);
            d.attempts = attempt;
            switch (schedule.after(attempt, answer.status())) {
                case DELIVERED -> {
                    metrics.webhookAttempt(d.kind, "delivered");
                    LOG.debugf("%s alert %s delivered to %s (attempt %d)", d.kind, d.deliveryId, d.url, attempt);
                    finish(d, WebhookDeliveryEntity.DELIVERED, answer.status(), null);
                    return;
                }
                case RETRY -> {
                    metrics.webhookAttempt(d.kind, "retrying");
                    Duration wait = schedule.delayBefore(attempt + 1);
                    LOG.infof("%s alert %s to %s: attempt %d of %d got %s; trying again in %s", d.kind, d.deliveryId, d.url, attempt,
                            schedule.attempts(), answer.describe(), wait);
                    d.lastStatus = answer.status();
                    d.lastError = answer.error();
                    d.nextAttemptAt = Instant.now().plus(wait).plus(requestTimeout);
                    record(d);
                }
                case GIVE_UP -> {
                    metrics.webhookAttempt(d.kind, "failed");
                    LOG.warnf("%s alert %s to %s given up after %d attempt(s): %s", d.kind, d.deliveryId, d.url, attempt,
                            answer.describe());
                    finish(d, WebhookDeliveryEntity.FAILED, answer.status(), answer.error());
                    return;
                }
            }
        }
    }

    /** What one attempt got: an HTTP status, or none (refused, timed out, unreachable) and why. */
    record Answer(Integer status, String error) {
        String describe() {
            return status == null ? error : "HTTP " + status + (error == null ? "" : " (" + error + ")");
        }
    }

    private Answer post(WebhookDeliveryEntity d, byte[] body, Optional<String> secret, int attempt) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(d.url)).timeout(requestTimeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "pipeline-registry")
                    .header(EVENT_HEADER, d.kind)
                    .header(DELIVERY_HEADER, d.deliveryId)
                    .header(TIMESTAMP_HEADER, String.valueOf(Instant.now().getEpochSecond()))
                    .header(ATTEMPT_HEADER, String.valueOf(attempt))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            secret.ifPresent(s -> request.header(WebhookSignature.HEADER, WebhookSignature.sign(s, body)));
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream answer = response.body()) {
                boolean ok = response.statusCode() >= 200 && response.statusCode() < 300;
                String text = ok ? null : new String(answer.readNBytes(ANSWER_QUOTED), StandardCharsets.UTF_8).strip();
                return new Answer(response.statusCode(), text == null || text.isEmpty() ? null : text);
            }
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(null, Texts.bounded(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, "interrupted: the registry is stopping");
        }
    }

    private static boolean pause(Duration wait) {
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void finish(WebhookDeliveryEntity d, String status, Integer lastStatus, String lastError) {
        if (WebhookDeliveryEntity.FAILED.equals(status) && d.attempts == 0) {
            metrics.webhookAttempt(d.kind, "failed");
        }
        d.status = status;
        d.lastStatus = lastStatus;
        d.lastError = lastError;
        d.finishedAt = Instant.now();
        record(d);
    }

    private void record(WebhookDeliveryEntity d) {
        try {
            AlertService.await(() -> Panache.withTransaction(() -> deliveries.attempted(d)));
        } catch (RuntimeException e) {
            // The database is away: the delivery goes on; its row may say less than happened.
            LOG.warnf("webhook delivery %s: cannot record attempt %d (%s)", d.deliveryId, d.attempts, e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
        http.shutdownNow();
    }
}

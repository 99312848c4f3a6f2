package ml.pipeline.registry.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import ml.pipeline.core.notify.Alert;
import ml.pipeline.core.notify.WebhookPayload;
import ml.pipeline.core.promotion.PromotionDecision;
import ml.pipeline.core.spec.NotifySpec;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.spec.PipelineSpecParser;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.DatasetRejected;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.SpecRef;
import ml.pipeline.events.StageFailed;
import ml.pipeline.registry.domain.RunAlerts;
import ml.pipeline.registry.storage.RunEntity;
import ml.pipeline.registry.storage.RunStore;
import ml.pipeline.registry.storage.WebhookDeliveryEntity;
import ml.pipeline.registry.storage.WebhookDeliveryStore;
import ml.pipeline.services.api.ServiceLinks;
import ml.pipeline.services.spec.SpecSnapshots;
import ml.pipeline.services.storage.ObjectStore;
import org.jboss.logging.Logger;

/**
 * Tells the webhooks of a pipeline's spec ({@code notify:}) what happened to its runs, once the
 * event's effect is committed, and never holding the event's handler up: {@code raise} hands the
 * work to the sender's threads and returns. There the spec is read, a delivery per subscribed hook
 * is claimed (once per event and hook: a redelivered event alerts nobody twice) and sent.
 * A run's alerts go to the hooks of the spec it snapshotted; a stage change by hand (a rollback, a
 * promotion by a person) happens after its run, so it goes to those of the pipeline's current
 * spec (its snapshot's, if the pipeline has none). A registry that stops between the event and the
 * claim loses that alert; one that stops after the claim sends it when it is back (WebhookRelay).
 */
@ApplicationScoped
public class AlertService {
    private static final Logger LOG = Logger.getLogger(AlertService.class);

    private final SpecSnapshots specs;
    private final ObjectStore store;
    private final RunStore runs;
    private final WebhookDeliveryStore deliveries;
    private final WebhookSender sender;
    private final RegistrySettings settings;
    private final Optional<String> linkBase;
    private final PipelineSpecParser parser = new PipelineSpecParser();

    public AlertService(SpecSnapshots specs, ObjectStore store, RunStore runs, WebhookDeliveryStore deliveries,
            WebhookSender sender, RegistrySettings settings, ServiceLinks links) {
        this.specs = specs;
        this.store = store;
        this.runs = runs;
        this.deliveries = deliveries;
        this.sender = sender;
        this.settings = settings;
        this.linkBase = settings.notifications().publicUrl().or(links::registryUrl).map(url -> url.replaceAll("/+$", ""));
    }

    public void raise(StageFailed e) {
        RunAlerts.of(e).ifPresent(alert -> submit(alert, () -> specOfRun(e.getMeta())));
    }

    public void raise(DatasetRejected e) {
        RunAlerts.of(e).ifPresent(alert -> submit(alert, () -> Optional.of(specs.load(e.getSpec()))));
    }

    public void raise(DatasetValidated e) {
        RunAlerts.of(e).ifPresent(alert -> submit(alert, () -> Optional.of(specs.load(e.getSpec()))));
    }

    public void raise(ModelEvaluated e) {
        RunAlerts.of(e).ifPresent(alert -> submit(alert, () -> Optional.of(specs.load(e.getSpec()))));
    }

    public void raise(ModelPromoted e) {
        boolean byPolicy = PromotionDecision.BY_POLICY.equals(e.getPromotedBy());
        RunAlerts.of(e).ifPresent(alert -> submit(alert, () -> (byPolicy ? Optional.<PipelineSpec>empty()
                : currentSpec(e.getMeta().getPipeline())).or(() -> Optional.of(specs.load(e.getSpec())))));
    }

    private void submit(Alert alert, Supplier<Optional<PipelineSpec>> spec) {
        sender.execute(() -> {
            try {
                spec.get().ifPresent(found -> claimAndSend(alert, found.notifications()));
            } catch (RuntimeException e) {
                LOG.warnf(e, "%s alert of event %s (pipeline %s) not sent: %s", alert.kind(), alert.eventId(), alert.pipeline(),
                        e.getMessage());
            }
        });
    }

    private void claimAndSend(Alert alert, NotifySpec notify) {
        List<NotifySpec.Webhook> hooks = notify.hooksFor(alert.kind());
        if (hooks.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Map<String, String> links = links(alert);
        List<WebhookDeliveryEntity> owed = hooks.stream().map(hook -> delivery(alert, hook, links, now)).toList();
        List<WebhookDeliveryEntity> claimed = await(() -> Panache.withTransaction(() -> deliveries.claim(owed)));
        if (claimed.size() < owed.size()) {
            LOG.debugf("event %s: %d of its %d webhook deliveries were claimed before", alert.eventId(),
                    owed.size() - claimed.size(), owed.size());
        }
        claimed.forEach(sender::deliver);
    }

    private WebhookDeliveryEntity delivery(Alert alert, NotifySpec.Webhook hook, Map<String, String> links, Instant now) {
        WebhookDeliveryEntity d = new WebhookDeliveryEntity();
        d.url = hook.url().strip();
        d.deliveryId = WebhookPayload.deliveryId(alert.eventId(), d.url);
        d.eventId = alert.eventId();
        d.pipeline = alert.pipeline();
        d.runId = alert.runId();
        d.kind = alert.kind().kindName();
        d.secretName = hook.secret();
        d.body = WebhookPayload.body(alert, d.deliveryId, links);
        d.status = WebhookDeliveryEntity.PENDING;
        d.createdAt = now;
        // The first attempt starts now; it is over within the request timeout.
        d.nextAttemptAt = now.plus(settings.notifications().requestTimeout());
        return d;
    }

    /** Where the alert's reader finds more: the run, and the model's history. */
    private Map<String, String> links(Alert alert) {
        Map<String, String> links = new LinkedHashMap<>();
        linkBase.ifPresent(base -> {
            if (alert.runId() != null) {
                links.put("run", base + "/api/v1/runs/" + alert.runId());
            }
            if (alert.details().get("model") instanceof String model) {
                links.put("model", base + "/api/v1/models/" + model + "/history");
            }
        });
        return links;
    }

    /** A StageFailed names no spec: the run's (as its publish recorded it), else the pipeline's current one. */
    private Optional<PipelineSpec> specOfRun(EventMeta meta) {
        RunEntity run = await(() -> Panache.withSession(() -> runs.run(meta.getRunId())));
        if (run != null && run.specHash != null) {
            return Optional.of(specs.load(SpecRef.newBuilder().setUri(StorageLayout.specSnapshot(run.specHash).toString())
                    .setHash(run.specHash).build()));
        }
        return currentSpec(meta.getPipeline());
    }

    private Optional<PipelineSpec> currentSpec(String pipeline) {
        return store.read(StorageLayout.currentSpec(pipeline)).map(bytes -> parser.parse(new String(bytes, StandardCharsets.UTF_8)));
    }

    static <T> T await(Supplier<io.smallrye.mutiny.Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}

package ml.pipeline.registry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import ml.pipeline.core.access.Role;
import ml.pipeline.core.notify.Alert;
import ml.pipeline.core.notify.AlertKind;
import ml.pipeline.core.notify.WebhookPayload;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.DatasetRejected;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.RejectionReason;
import ml.pipeline.events.SpecRef;
import ml.pipeline.events.StageFailed;
import ml.pipeline.registry.storage.WebhookDeliveryEntity;
import ml.pipeline.registry.storage.WebhookDeliveryStore;
import ml.pipeline.services.storage.ObjectStore;
import ml.pipeline.testing.EventExchange;
import ml.pipeline.testing.EventFixtures;
import ml.pipeline.testing.PipelineStackResource;
import ml.pipeline.testing.StoredInputs;
import ml.pipeline.testing.TestTokens;
import ml.pipeline.testing.WebhookReceiver;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * The spec's webhooks, through the real stack: the registry sends an alert, signed, for each kind
 * of run event, once per event and hook, tries a failing hook again with backoff, and a hook that
 * is down or hangs holds no run up. The secret is the test profile's pipeline.webhook.secret.REGISTRY_TEST.
 */
@QuarkusTest
@WithTestResource(PipelineStackResource.class)
class AlertFlowTest {
    private static final String SECRET = "test-only-webhook-secret";

    @Inject
    ObjectStore store;

    @Inject
    WebhookDeliveryStore deliveries;

    @Test
    void aFailureAPromotionAndEveryOtherKindReachTheHookSignedAndOnce() throws Exception {
        try (WebhookReceiver hook = WebhookReceiver.start()) {
            String pipeline = EventFixtures.newPipeline("alerts");
            SpecRef spec = spec(pipeline, "    - {url: \"" + hook.url("/alerts") + "\", secret: REGISTRY_TEST}\n");

            // A failure: the run was published (so its spec is known), then a stage gave up.
            EventMeta run = EventFixtures.METAS.startRun(pipeline);
            EventExchange.send(EventFixtures.datasetPublished(run, dataset(pipeline), spec));
            awaitRunStatus(run.getRunId(), "running");
            StageFailed failed = failed(run, "the store was away");
            EventExchange.send(failed);
            WebhookReceiver.Request failure = hook.await("/alerts", "failure");
            assertTrue(failure.isSignedWith(SECRET), "X-Pipeline-Signature is the HMAC of the body: " + failure.headers());
            assertFalse(failure.isSignedWith("another-secret"));
            JsonNode body = failure.json();
            assertEquals("failure", body.get("kind").asText());
            assertEquals(pipeline, body.get("pipeline").asText());
            assertEquals(run.getRunId(), body.get("runId").asText());
            assertEquals(failed.getMeta().getEventId(), body.get("eventId").asText());
            assertEquals("StageFailed", body.get("event").asText());
            assertEquals("features", body.at("/details/stage").asText());
            assertEquals(3, body.at("/details/attempts").asInt());
            assertTrue(body.get("text").asText().startsWith("[" + pipeline + "] Run failed: features failed after 3 attempt(s)"),
                    body.get("text").asText());
            assertEquals("section", body.at("/blocks/0/type").asText(), "Slack-compatible");
            assertEquals(body.get("deliveryId").asText(), failure.header("X-Pipeline-Delivery"));
            assertEquals("1", failure.header("X-Pipeline-Attempt"));
            assertTrue(Math.abs(Long.parseLong(failure.header("X-Pipeline-Timestamp")) - Instant.now().getEpochSecond()) < 300);
            assertTrue(failure.header("Content-Type").startsWith("application/json"));

            // The same event again (a redelivery), then another failure after it on the same partition: alerted once.
            EventExchange.send(failed);
            StageFailed again = failed(run, "the store was away again");
            EventExchange.send(again);
            hook.await(r -> again.getMeta().getEventId().equals(r.json().get("eventId").asText()), EventExchange.TIMEOUT);
            assertEquals(1, hook.received("/alerts").stream()
                    .filter(r -> failed.getMeta().getEventId().equals(r.json().get("eventId").asText())).count());
            assertEquals(1, deliveriesOf(run.getRunId()).stream().filter(d -> d.eventId.equals(failed.getMeta().getEventId())).count());

            // A promotion by policy.
            try (KafkaConsumer<String, ModelPromoted> promotions = EventExchange.watch(ModelPromoted.class)) {
                EventExchange.send(evaluated(EventFixtures.METAS.startRun(pipeline), spec, "train-1", true));
                ModelPromoted v1 = EventExchange.awaitRecord(promotions, r -> pipeline.equals(r.key()) && r.value().getVersion() == 1)
                        .value();
                WebhookReceiver.Request promotion = hook.await("/alerts", "promotion");
                assertTrue(promotion.isSignedWith(SECRET));
                JsonNode promoted = promotion.json();
                assertEquals(v1.getMeta().getEventId(), promoted.get("eventId").asText());
                assertEquals(pipeline, promoted.at("/details/model").asText());
                assertEquals(1, promoted.at("/details/version").asInt());
                assertEquals("production", promoted.at("/details/stage").asText());
                assertEquals("policy", promoted.at("/details/promotedBy").asText());
                assertTrue(promoted.get("text").asText().contains("Model promoted: " + pipeline + " v1 -> production, by policy"),
                        promoted.get("text").asText());

                // Refused by the gate.
                ModelEvaluated refused = evaluated(EventFixtures.METAS.startRun(pipeline), spec, "train-refused", false);
                EventExchange.send(refused);
                JsonNode gate = hook.await("/alerts", "gate_refused").json();
                assertEquals(refused.getMeta().getRunId(), gate.get("runId").asText());
                assertEquals("roc_auc >= 0.8", gate.at("/details/failedChecks/0/name").asText());

                // v2 over v1, then rolled back by an approver.
                ModelEvaluated second = evaluated(EventFixtures.METAS.startRun(pipeline), spec, "train-2", true);
                second.setBaseline(v1.getModel());
                EventExchange.send(second);
                EventExchange.awaitRecord(promotions, r -> pipeline.equals(r.key()) && r.value().getVersion() == 2);
                given().auth().oauth2(TestTokens.of("carol", Role.APPROVER)).contentType("application/json")
                        .body("{\"reason\": \"v2 misbehaves\"}").post("/api/v1/models/" + pipeline + "/rollback")
                        .then().statusCode(200).body("version", equalTo(1));
                WebhookReceiver.Request rollback = hook.await("/alerts", "rollback");
                assertTrue(rollback.isSignedWith(SECRET));
                assertEquals(1, rollback.json().at("/details/version").asInt());
                assertEquals(2, rollback.json().at("/details/previousVersion").asInt());
                assertEquals("rollback: v2 misbehaves", rollback.json().at("/details/reason").asText());
                assertEquals("carol", rollback.json().at("/details/promotedBy").asText());
            }

            // Rejections: drift is its own kind.
            EventExchange.send(rejected(pipeline, spec, "MISSING_COLUMN", "column 'x' is missing"));
            assertTrue(hook.await("/alerts", "rejection").json().get("summary").asText().contains("column 'x' is missing"));
            EventExchange.send(rejected(pipeline, spec, "DRIFT", "column 'x': psi 4.7 is at or above the reject level 0.25"));
            JsonNode drift = hook.await("/alerts", "drift").json();
            assertTrue(drift.get("summary").asText().contains("rejected for drift"), drift.toString());
            assertEquals("DRIFT", drift.at("/details/reasons/0/code").asText());
            assertTrue(hook.received("/alerts").stream().allMatch(r -> r.isSignedWith(SECRET)));
        }
    }

    @Test
    void aHookThatFailsIsTriedAgainWithBackoffAndOneThatIsDownOrHangsHoldsNothingUp() throws Exception {
        try (WebhookReceiver hook = WebhookReceiver.start()) {
            hook.answer("/flaky", 500, 503, 200).answer("/gone", 404).hold("/hang", Duration.ofSeconds(10));
            String down = WebhookReceiver.refusingUrl("/down");
            String pipeline = EventFixtures.newPipeline("alerts-down");
            SpecRef spec = spec(pipeline, """
                        - {url: "%s", secret: REGISTRY_TEST}
                        - {url: "%s", on: [promotion]}
                        - {url: "%s", on: [promotion]}
                        - {url: "%s", on: [promotion]}
                        - {url: "%s", on: [promotion], secret: NOT_SET_ANYWHERE}
                    """.formatted(hook.url("/flaky"), hook.url("/gone"), hook.url("/hang"), down, hook.url("/nosecret")));
            EventMeta run = EventFixtures.METAS.startRun(pipeline);
            try (KafkaConsumer<String, ModelPromoted> promotions = EventExchange.watch(ModelPromoted.class)) {
                EventExchange.send(evaluated(run, spec, "train-1", true));
                EventExchange.awaitRecord(promotions, r -> pipeline.equals(r.key()) && r.value().getVersion() == 1);
            }
            awaitRunStatus(run.getRunId(), "promoted");

            // Two errors, then delivered: the same delivery, body and signature on every attempt.
            hook.await(r -> r.path().equals("/flaky") && "3".equals(r.header("X-Pipeline-Attempt")), EventExchange.TIMEOUT);
            List<WebhookReceiver.Request> attempts = hook.received("/flaky");
            assertEquals(List.of("1", "2", "3"), attempts.stream().map(r -> r.header("X-Pipeline-Attempt")).toList());
            assertEquals(1, attempts.stream().map(r -> r.header("X-Pipeline-Delivery")).distinct().count());
            assertEquals(1, attempts.stream().map(WebhookReceiver.Request::text).distinct().count());
            assertTrue(attempts.stream().allMatch(r -> r.isSignedWith(SECRET)));
            // The test profile's backoff: 200 ms before the second attempt, twice that before the third.
            assertTrue(Duration.between(attempts.get(0).at(), attempts.get(1).at()).toMillis() >= 200, "waited before retrying");
            assertTrue(Duration.between(attempts.get(1).at(), attempts.get(2).at()).toMillis() >= 400, "waited twice as long");

            // While the hanging hook is still being tried, the next run goes through and is alerted at once.
            ModelEvaluated refused = evaluated(EventFixtures.METAS.startRun(pipeline), spec, "train-refused", false);
            EventExchange.send(refused);
            hook.await(r -> r.path().equals("/flaky") && "gate_refused".equals(r.header("X-Pipeline-Event")), EventExchange.TIMEOUT);
            awaitRunStatus(refused.getMeta().getRunId(), "refused");
            assertEquals(WebhookDeliveryEntity.PENDING, byUrl(run.getRunId()).get(hook.url("/hang")).status,
                    "the hanging hook's delivery is still being tried");

            await().atMost(EventExchange.TIMEOUT).until(() -> byUrl(run.getRunId()).values().stream()
                    .noneMatch(d -> WebhookDeliveryEntity.PENDING.equals(d.status)));
            Map<String, WebhookDeliveryEntity> ended = byUrl(run.getRunId());
            WebhookDeliveryEntity flaky = ended.get(hook.url("/flaky"));
            assertEquals(WebhookDeliveryEntity.DELIVERED, flaky.status);
            assertEquals(3, flaky.attempts);
            assertNotNull(flaky.finishedAt);
            WebhookDeliveryEntity gone = ended.get(hook.url("/gone"));
            assertEquals(WebhookDeliveryEntity.FAILED, gone.status);
            assertEquals(1, gone.attempts, "a 404 is not tried again");
            assertEquals(404, gone.lastStatus);
            WebhookDeliveryEntity refusing = ended.get(down);
            assertEquals(WebhookDeliveryEntity.FAILED, refusing.status);
            assertEquals(5, refusing.attempts, "a hook that refuses connections is tried 5 times");
            assertNull(refusing.lastStatus);
            assertTrue(refusing.lastError.contains("ConnectException"), refusing.lastError);
            WebhookDeliveryEntity hanging = ended.get(hook.url("/hang"));
            assertEquals(WebhookDeliveryEntity.FAILED, hanging.status);
            assertEquals(5, hanging.attempts);
            assertTrue(hanging.lastError.contains("Timeout"), hanging.lastError);
            WebhookDeliveryEntity unsigned = ended.get(hook.url("/nosecret"));
            assertEquals(WebhookDeliveryEntity.FAILED, unsigned.status);
            assertEquals(0, unsigned.attempts);
            assertTrue(unsigned.lastError.contains("PIPELINE_WEBHOOK_SECRET_NOT_SET_ANYWHERE"), unsigned.lastError);
            assertTrue(hook.received("/nosecret").isEmpty(), "a hook whose secret is missing is never sent unsigned");
        }
    }

    @Test
    void aDeliveryAStoppedRegistryLeftPendingIsSentByTheRelay() throws Throwable {
        try (WebhookReceiver hook = WebhookReceiver.start()) {
            String pipeline = EventFixtures.newPipeline("alerts-relay");
            String runId = EventFixtures.METAS.startRun(pipeline).getRunId();
            Alert alert = new Alert(AlertKind.FAILURE, pipeline, runId, "event-" + runId, "StageFailed", Instant.now(),
                    "trainer failed after 3 attempt(s)", Map.of("stage", "trainer"));
            WebhookDeliveryEntity left = new WebhookDeliveryEntity();
            left.url = hook.url("/relay");
            left.deliveryId = WebhookPayload.deliveryId(alert.eventId(), left.url);
            left.eventId = alert.eventId();
            left.pipeline = pipeline;
            left.runId = runId;
            left.kind = "failure";
            left.secretName = "REGISTRY_TEST";
            left.body = WebhookPayload.body(alert, left.deliveryId, Map.of());
            left.status = WebhookDeliveryEntity.PENDING;
            left.attempts = 2;
            left.createdAt = Instant.now().minusSeconds(120);
            left.nextAttemptAt = Instant.now().minusSeconds(60);
            // As a registry that stopped after two attempts leaves it: pending, its next attempt long overdue.
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(left::persist));

            WebhookReceiver.Request sent = hook.await("/relay", "failure");
            assertEquals("3", sent.header("X-Pipeline-Attempt"), "it goes on from the attempts already made");
            assertEquals(left.body, sent.text());
            assertTrue(sent.isSignedWith(SECRET));
            await().atMost(EventExchange.TIMEOUT).until(() -> WebhookDeliveryEntity.DELIVERED.equals(deliveriesOf(runId).get(0).status));
            assertEquals(3, deliveriesOf(runId).get(0).attempts);
            assertEquals(1, hook.received("/relay").size());
        }
    }

    private SpecRef spec(String pipeline, String webhooks) {
        return StoredInputs.spec(store::put, """
                pipeline: %s
                dataset: {label: y, columns: [{name: x, type: numeric}, {name: y, type: numeric}]}
                model: {type: logistic}
                promotion: {mode: auto, stage: production}
                notify:
                  webhooks:
                %s""".formatted(pipeline, webhooks));
    }

    private static DatasetRef dataset(String pipeline) {
        return EventFixtures.dataset(pipeline, "a".repeat(64));
    }

    private static ModelEvaluated evaluated(EventMeta meta, SpecRef spec, String trainingRun, boolean passed) {
        String pipeline = meta.getPipeline();
        return EventFixtures.modelEvaluated(meta, dataset(pipeline), spec,
                EventFixtures.features(StorageLayout.features(pipeline, "a".repeat(64), "b".repeat(64)), "b".repeat(64)),
                pipeline, trainingRun, passed);
    }

    private static StageFailed failed(EventMeta run, String message) {
        return StageFailed.newBuilder().setMeta(EventFixtures.METAS.causedBy(run)).setStage("features")
                .setCauseTopic("datasets.validated").setCausePartition(0).setCauseOffset(0)
                .setErrorClass("java.io.UncheckedIOException").setMessage(message).setAttempts(3).setRetryable(true).build();
    }

    private static DatasetRejected rejected(String pipeline, SpecRef spec, String code, String message) {
        return DatasetRejected.newBuilder().setMeta(EventFixtures.METAS.startRun(pipeline)).setDataset(dataset(pipeline)).setSpec(spec)
                .setReasons(List.of(RejectionReason.newBuilder().setCode(code).setColumn("x").setMessage(message).build())).build();
    }

    private List<WebhookDeliveryEntity> deliveriesOf(String runId) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> deliveries.ofRun(runId)));
        } catch (Exception e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private Map<String, WebhookDeliveryEntity> byUrl(String runId) throws Exception {
        return deliveriesOf(runId).stream().collect(Collectors.toMap(d -> d.url, Function.identity()));
    }

    private static void awaitRunStatus(String runId, String status) {
        await().atMost(EventExchange.TIMEOUT).until(() -> status.equals(
                given().get("/api/v1/runs/" + runId).then().extract().jsonPath().getString("run.status")));
    }
}

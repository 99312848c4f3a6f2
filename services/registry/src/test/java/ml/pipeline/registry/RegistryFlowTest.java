package ml.pipeline.registry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ml.pipeline.core.access.Role;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.EvaluationRequested;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.EventMetas;
import ml.pipeline.events.ModelAliasChanged;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.RunCancelled;
import ml.pipeline.events.SpecRef;
import ml.pipeline.events.StageFailed;
import ml.pipeline.events.Topic;
import ml.pipeline.registry.storage.OutboxEntity;
import ml.pipeline.registry.storage.OutboxStore;
import ml.pipeline.services.storage.ObjectStore;
import ml.pipeline.testing.EventClients;
import ml.pipeline.testing.EventExchange;
import ml.pipeline.testing.EventFixtures;
import ml.pipeline.testing.PipelineStackResource;
import ml.pipeline.testing.SharedTestStack;
import ml.pipeline.testing.StoredInputs;
import ml.pipeline.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/** Through the real stack and PostgreSQL: timeline, one version per training run, promotion by policy and by hand. */
@QuarkusTest
@WithTestResource(PipelineStackResource.class)
class RegistryFlowTest {
    private static final String ADMIN = TestTokens.admin();

    @Inject
    ObjectStore store;

    @Inject
    OutboxStore outbox;

    @Test
    void passingCandidatesAreRegisteredOnceAndPromotedArchivingThePrevious() throws Exception {
        String pipeline = EventFixtures.newPipeline("registry-test");
        SpecRef spec = spec(pipeline);
        EventMetas metas = EventFixtures.METAS;
        try (KafkaConsumer<String, ModelPromoted> promotions = EventExchange.watch(ModelPromoted.class)) {
            DatasetPublished published = EventFixtures.datasetPublished(metas.startRun(pipeline), dataset(pipeline), spec);
            published.setRows(100L);
            EventExchange.send(published);
            ModelEvaluated first = evaluated(metas.causedBy(published.getMeta()), spec, "train-1", true);
            EventExchange.send(first);
            ModelPromoted v1 = awaitPromotion(promotions, pipeline, 1);
            assertEquals("production", v1.getStage());
            assertNull(v1.getPreviousVersion());
            assertEquals(published.getMeta().getRunId(), v1.getMeta().getRunId());
            assertEquals(first.getCandidate().getUri(), v1.getArtifactUri());
            assertEquals(first.getCandidate().getUri(), v1.getModel().getUri(), "the promoted model, as a reference");
            assertEquals("train-1", v1.getModel().getTrainingRunId());
            assertEquals(1, v1.getModel().getVersion());

            ModelEvaluated second = evaluated(metas.startRun(pipeline), spec, "train-2", true);
            second.setBaseline(v1.getModel());
            EventExchange.send(second);
            ModelPromoted v2 = awaitPromotion(promotions, pipeline, 2);
            assertEquals(1, v2.getPreviousVersion());

            // The same evaluation again, then a refused one: neither registers anything.
            EventExchange.send(first);
            ModelEvaluated refused = evaluated(metas.startRun(pipeline), spec, "train-3", false);
            EventExchange.send(refused);
            await().atMost(EventExchange.TIMEOUT).until(() -> given().get("/api/v1/runs/" + refused.getMeta().getRunId()).statusCode() == 200);
            given().get("/api/v1/runs/" + refused.getMeta().getRunId()).then().body("run.status", equalTo("refused"));
            List<Map<String, Object>> versions = given().get("/api/v1/models/" + pipeline + "/versions")
                    .then().statusCode(200).extract().jsonPath().getList("");
            assertEquals(2, versions.size(), "one version per training run: " + versions);
            assertEquals("archived", versions.get(0).get("stage"));
            assertEquals("production", versions.get(1).get("stage"));

            // Each topic has its own consumer: the publish may be projected after the promotion.
            await().atMost(EventExchange.TIMEOUT).until(() -> published.getDataset().getVersion().equals(given()
                    .get("/api/v1/runs/" + published.getMeta().getRunId()).then().extract().jsonPath()
                    .getString("lineage.datasetSha256")));
            given().get("/api/v1/runs/" + published.getMeta().getRunId()).then().statusCode(200)
                    .body("lineage.datasetSha256", equalTo(published.getDataset().getVersion()))
                    .body("lineage.version", equalTo(1))
                    .body("lineage.trainingRunId", equalTo("train-1"))
                    .body("timeline.size()", equalTo(3));
            given().get("/api/v1/pipelines/" + pipeline + "/runs").then().statusCode(200).body("size()", equalTo(3));

            as(TestTokens.of("alice", Role.APPROVER)).contentType("application/json")
                    .body("{\"stage\": \"production\", \"reason\": \"rollback\", \"by\": \"mallory\"}")
                    .put("/api/v1/models/" + pipeline + "/versions/1/stage").then().statusCode(200);
            ModelPromoted rollback = awaitPromotion(promotions, pipeline, 1);
            assertEquals(2, rollback.getPreviousVersion());
            assertEquals("alice", rollback.getPromotedBy());
            as(ADMIN).contentType("application/json").body("{\"stage\": \"nowhere\"}")
                    .put("/api/v1/models/" + pipeline + "/versions/1/stage").then().statusCode(400);
        }
    }

    @Test
    void aCanaryPolicyStopsAtCanaryWithItsShareAndAliasesMoveOneVersionEach() throws Exception {
        String pipeline = EventFixtures.newPipeline("registry-canary");
        SpecRef spec = spec(pipeline, "{mode: auto, stage: canary, trafficShare: 0.25}");
        String model = "/api/v1/models/" + pipeline;
        try (KafkaConsumer<String, ModelPromoted> promotions = EventExchange.watch(ModelPromoted.class);
             KafkaConsumer<String, ModelAliasChanged> aliases = EventExchange.watch(ModelAliasChanged.class)) {
            EventExchange.send(evaluated(EventFixtures.METAS.startRun(pipeline), spec, "train-c1", true));
            ModelPromoted canary = awaitPromotion(promotions, pipeline, 1);
            assertEquals("canary", canary.getStage());
            assertEquals(0.25, canary.getTrafficShare());

            // Beyond the policy's stage a person moves it: canary to production, the canary slot left empty.
            as(ADMIN).contentType("application/json").body("{\"stage\": \"production\", \"reason\": \"canary looked fine\"}")
                    .put(model + "/versions/1/stage").then().statusCode(200).body("stage", equalTo("production"))
                    .body("previousVersion", equalTo(0));
            ModelPromoted production = awaitPromotion(promotions, pipeline, 1);
            assertEquals("production", production.getStage());
            assertNull(production.getTrafficShare());
            as(ADMIN).contentType("application/json").body("{\"stage\": \"production\"}").put(model + "/versions/1/stage")
                    .then().statusCode(200).body("changed", equalTo(false)); // there already: no event, no history entry

            ModelEvaluated next = evaluated(EventFixtures.METAS.startRun(pipeline), spec, "train-c2", true);
            next.setBaseline(production.getModel());
            EventExchange.send(next);
            ModelPromoted v2 = awaitPromotion(promotions, pipeline, 2);
            assertEquals("canary", v2.getStage());
            assertNull(v2.getPreviousVersion(), "v1 left canary for production: no canary was replaced");
            given().get("/api/v1/resolve?uri=models:/" + pipeline + "/canary").then().statusCode(200).body("version", equalTo(2))
                    .body("trafficShare", equalTo(0.25f));
            given().get("/api/v1/resolve?uri=models:/" + pipeline + "/production").then().statusCode(200).body("version", equalTo(1));
            as(ADMIN).contentType("application/json").body("{\"stage\": \"production\", \"trafficShare\": 0.5}")
                    .put(model + "/versions/2/stage").then().statusCode(400).body("error", containsString("canary only"));

            // Aliases: one version each, every move announced with the version it named before.
            as(ADMIN).contentType("application/json").body("{\"version\": 1, \"reason\": \"serving\"}")
                    .put(model + "/aliases/champion").then().statusCode(200).body("version", equalTo(1));
            as(ADMIN).contentType("application/json").body("{\"version\": 2}")
                    .put(model + "/aliases/challenger").then().statusCode(200);
            as(ADMIN).contentType("application/json").body("{\"version\": 2, \"reason\": \"won the canary\"}")
                    .put(model + "/aliases/champion").then().statusCode(200).body("previousVersion", equalTo(1));
            ModelAliasChanged moved = EventExchange.awaitRecord(aliases, r -> r.value().getModelName().equals(pipeline)
                    && "champion".equals(r.value().getAlias()) && Integer.valueOf(2).equals(r.value().getVersion())).value();
            assertEquals(1, moved.getPreviousVersion());
            assertEquals("train-c2", moved.getModel().getTrainingRunId());
            assertEquals("won the canary", moved.getReason());
            given().get("/api/v1/resolve?uri=models:/" + pipeline + "@champion").then().statusCode(200).body("version", equalTo(2));
            given().get(model + "/aliases").then().statusCode(200).body("size()", equalTo(2));

            as(ADMIN).delete(model + "/aliases/challenger").then().statusCode(200).body("previousVersion", equalTo(2));
            ModelAliasChanged removed = EventExchange.awaitRecord(aliases, r -> r.value().getModelName().equals(pipeline)
                    && "challenger".equals(r.value().getAlias()) && r.value().getVersion() == null).value();
            assertEquals(2, removed.getPreviousVersion());
            given().get("/api/v1/resolve?uri=models:/" + pipeline + "@challenger").then().statusCode(404)
                    .body("error", containsString("names no version"));
            given().get("/api/v1/resolve?uri=" + pipeline + "@champion").then().statusCode(400)
                    .body("error", containsString("models:/<name>@<alias>"));
            as(ADMIN).contentType("application/json").body("{\"version\": 1}").put(model + "/aliases/Bad Alias")
                    .then().statusCode(400);
            as(ADMIN).contentType("application/json").body("{\"version\": 9}").put(model + "/aliases/champion")
                    .then().statusCode(404).body("error", containsString("no version 9"));

            List<Map<String, Object>> history = given().get(model + "/history").then().statusCode(200).extract().jsonPath().getList("");
            assertEquals(List.of("stage 1 none>canary 0.25", "stage 1 canary>production null", "stage 2 none>canary 0.25",
                            "alias 1 champion<null", "alias 2 challenger<null", "alias 2 champion<1", "alias null challenger<2"),
                    history.stream().map(h -> h.get("kind") + " " + h.get("version") + " " + ("stage".equals(h.get("kind"))
                            ? h.get("from") + ">" + h.get("to") + " " + h.get("trafficShare")
                            : h.get("alias") + "<" + h.get("previousVersion"))).toList());
        }
    }

    @Test
    void everyChangeNeedsATokenWithTheRoleForItAndTheHistorySaysWhoseItWas() throws Exception {
        String pipeline = EventFixtures.newPipeline("registry-auth");
        SpecRef spec = spec(pipeline, "{mode: auto, stage: staging}");
        String model = "/api/v1/models/" + pipeline;
        try (KafkaConsumer<String, ModelPromoted> promotions = EventExchange.watch(ModelPromoted.class)) {
            EventExchange.send(evaluated(EventFixtures.METAS.startRun(pipeline), spec, "train-s1", true));
            assertEquals("staging", awaitPromotion(promotions, pipeline, 1).getStage());
        }
        String toProduction = "{\"stage\": \"production\", \"reason\": \"reviewed\", \"by\": \"mallory\"}";

        // No token, a foreign one, an expired one: 401, saying which role is needed and how to get a token.
        given().contentType("application/json").body(toProduction).put(model + "/versions/1/stage").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error", containsString("publisher or approver or admin: none was sent"))
                .body("error", containsString("./pipeline token --role publisher"));
        as("not-a-token").contentType("application/json").body("{}").post(model + "/rollback").then().statusCode(401)
                .body("error", containsString("approver or admin: the one sent was refused"));
        as(TestTokens.expired(Role.APPROVER)).contentType("application/json").body("{}").post(model + "/rollback")
                .then().statusCode(401).body("error", containsString("refused (expired"));
        as(TestTokens.expired(Role.PUBLISHER)).contentType("application/json").body("{\"datasetVersion\": \"a\", \"specHash\": \"b\"}")
                .post("/api/v1/pipelines/" + pipeline + "/runs").then().statusCode(401);

        // The wrong role: 403, naming the role needed.
        String publisher = TestTokens.of("pat", Role.PUBLISHER);
        as(publisher).contentType("application/json").body("{}").post(model + "/rollback").then().statusCode(403)
                .body("error", containsString("needs the role approver or admin"));
        as(publisher).contentType("application/json").body(toProduction).put(model + "/versions/1/stage").then().statusCode(403)
                .body("error", equalTo("moving version 1 from staging to production needs the role approver or admin; "
                        + "the token of pat has the role publisher"));
        as(publisher).contentType("application/json").body("{\"version\": 1}").put(model + "/aliases/champion")
                .then().statusCode(403).body("error", containsString("approver or admin"));
        as(TestTokens.of("quinn", Role.APPROVER)).contentType("application/json").body("{}").post("/api/v1/runs/none/cancel")
                .then().statusCode(403).body("error", containsString("publisher or admin"));

        // The right role: done, recorded as the token's subject whatever the body says.
        as(TestTokens.of("olga", Role.APPROVER)).contentType("application/json").body(toProduction)
                .put(model + "/versions/1/stage").then().statusCode(200).body("stage", equalTo("production"));
        as(TestTokens.admin()).contentType("application/json").body("{\"version\": 1}").put(model + "/aliases/champion")
                .then().statusCode(200);
        List<Map<String, Object>> history = given().get(model + "/history").then().statusCode(200).extract().jsonPath().getList("");
        assertEquals(List.of("policy", "olga", "test-admin"), history.stream().map(h -> h.get("by")).toList());

        // A body that is not JSON: 400, saying so.
        as(TestTokens.admin()).contentType("application/json").body("{oops").post(model + "/rollback").then().statusCode(400)
                .body("error", containsString("the body is not valid JSON"));

        // Reads stay open, whatever token comes with them.
        given().get(model + "/versions").then().statusCode(200);
        as("not-a-token").get(model + "/history").then().statusCode(200);
    }

    @Test
    void aCandidateWhoseBaselineLeftProductionIsEvaluatedAgainThenPromotedOverTheNewOne() throws Exception {
        String pipeline = EventFixtures.newPipeline("registry-cas");
        SpecRef spec = spec(pipeline);
        Instant beforeAnything = Instant.now();
        try (KafkaConsumer<String, ModelPromoted> promotions = EventExchange.watch(ModelPromoted.class);
             KafkaConsumer<String, EvaluationRequested> requests = EventExchange.watch(EvaluationRequested.class)) {
            EventExchange.send(evaluated(EventFixtures.METAS.startRun(pipeline), spec, "train-a", true));
            ModelPromoted v1 = awaitPromotion(promotions, pipeline, 1);

            // Evaluated while nothing was in production, decided after v1 got there: not promoted blind.
            ModelEvaluated stale = evaluated(EventFixtures.METAS.startRun(pipeline), spec, "train-b", true);
            EventExchange.send(stale);
            EvaluationRequested request = EventExchange.awaitRecord(requests,
                    r -> r.value().getMeta().getCausationId().equals(stale.getMeta().getEventId())).value();
            assertEquals(2, request.getAttempt());
            assertNull(request.getStaleBaseline());
            assertEquals(v1.getModel(), request.getProduction(), "the version to compare with, as the registry knows it");
            assertEquals(stale.getMeta().getRunId(), request.getMeta().getRunId());
            assertEquals(1, versions(pipeline).size(), "nothing registered for a stale verdict");
            Instant whileV1 = Instant.now();

            // The evaluator's answer, against v1 this time: promoted over v1, and the history says so.
            ModelEvaluated reevaluated = evaluated(EventFixtures.METAS.causedBy(request.getMeta()), spec, "train-b", true);
            reevaluated.setBaseline(request.getProduction());
            reevaluated.setAttempt(2);
            EventExchange.send(reevaluated);
            ModelPromoted v2 = awaitPromotion(promotions, pipeline, 2);
            assertEquals(1, v2.getPreviousVersion());
            awaitRunStatus(stale.getMeta().getRunId(), "promoted");

            List<Map<String, Object>> history = given().get("/api/v1/models/" + pipeline + "/history")
                    .then().statusCode(200).extract().jsonPath().getList("");
            assertEquals(List.of("1:none>production:null", "1:production>archived:null", "2:none>production:1"),
                    history.stream().map(h -> h.get("version") + ":" + h.get("from") + ">" + h.get("to") + ":"
                            + h.get("comparedWith")).toList());
            assertEquals("policy", history.get(2).get("by"));
            given().get("/api/v1/models/" + pipeline + "/production?at=" + whileV1).then().statusCode(200)
                    .body("version", equalTo(1));
            given().get("/api/v1/models/" + pipeline + "/production").then().statusCode(200).body("version", equalTo(2));
            given().get("/api/v1/models/" + pipeline + "/production?at=" + beforeAnything).then().statusCode(404);
            given().get("/api/v1/models/" + pipeline + "/production?at=yesterday").then().statusCode(400);

            // Rolled back: v1 in production again, v2 archived, and the history says why.
            as(TestTokens.of("carol", Role.APPROVER)).contentType("application/json").body("{\"reason\": \"v2 misbehaves\"}")
                    .post("/api/v1/models/" + pipeline + "/rollback").then().statusCode(200)
                    .body("version", equalTo(1)).body("previousVersion", equalTo(2));
            ModelPromoted back = awaitPromotion(promotions, pipeline, 1);
            assertEquals("rollback: v2 misbehaves", back.getReason());
            assertEquals("carol", back.getPromotedBy());
            given().get("/api/v1/models/" + pipeline + "/production").then().body("version", equalTo(1));
            as(ADMIN).contentType("application/json").body("{\"version\": 99}").post("/api/v1/models/" + pipeline + "/rollback")
                    .then().statusCode(404);

            // The stale verdict again, late (re-emitted, so a new event): recognised, and the run stays promoted.
            stale.getMeta().setEventId(UUID.randomUUID().toString());
            EventExchange.send(stale);
            awaitTimelineSize(stale.getMeta().getRunId(), 5);
            given().get("/api/v1/runs/" + stale.getMeta().getRunId()).then().body("run.status", equalTo("promoted"));
            assertEquals(2, versions(pipeline).size());
        }
    }

    @Test
    void theSameBytesAndSpecStartOneRunAndThenTheAnswerIsThatRun() throws Exception {
        String pipeline = EventFixtures.newPipeline("registry-claims");
        SpecRef spec = spec(pipeline);
        String body = "{\"datasetVersion\": \"" + "a".repeat(64) + "\", \"specHash\": \"" + spec.getHash() + "\"}";
        String runId = as(ADMIN).contentType("application/json").body(body).post("/api/v1/pipelines/" + pipeline + "/runs")
                .then().statusCode(200).body("outcome", equalTo("started")).extract().jsonPath().getString("runId");
        as(ADMIN).contentType("application/json").body(body).post("/api/v1/pipelines/" + pipeline + "/runs")
                .then().statusCode(200).body("outcome", equalTo("running")).body("runId", equalTo(runId));

        try (KafkaConsumer<String, ModelPromoted> promotions = EventExchange.watch(ModelPromoted.class)) {
            EventMeta meta = EventFixtures.METAS.startRun(pipeline, runId);
            EventExchange.send(EventFixtures.datasetPublished(meta, dataset(pipeline), spec));
            EventExchange.send(evaluated(EventFixtures.METAS.causedBy(meta), spec, "train-claimed", true));
            awaitPromotion(promotions, pipeline, 1);
        }
        awaitRunStatus(runId, "promoted");
        as(ADMIN).contentType("application/json").body(body).post("/api/v1/pipelines/" + pipeline + "/runs")
                .then().statusCode(200).body("outcome", equalTo("done")).body("runId", equalTo(runId))
                .body("status", equalTo("promoted")).body("version", equalTo(1)).body("stage", equalTo("production"));
        String forced = as(ADMIN).contentType("application/json").body(body.replace("}", ", \"force\": true}"))
                .post("/api/v1/pipelines/" + pipeline + "/runs").then().statusCode(200).body("outcome", equalTo("started"))
                .extract().jsonPath().getString("runId");
        assertNotEquals(runId, forced);
        as(ADMIN).contentType("application/json").body("{}").post("/api/v1/pipelines/" + pipeline + "/runs")
                .then().statusCode(400);
    }

    @Test
    void aCancelledRunEndsCancelledTellsTheStagesAndRegistersNothing() throws Exception {
        String pipeline = EventFixtures.newPipeline("registry-cancel");
        SpecRef spec = spec(pipeline);
        EventMeta meta = EventFixtures.METAS.startRun(pipeline);
        String runId = meta.getRunId();
        as(ADMIN).contentType("application/json").body("{}").post("/api/v1/runs/" + runId + "/cancel").then().statusCode(404);
        EventExchange.send(EventFixtures.datasetPublished(meta, dataset(pipeline), spec));
        awaitRunStatus(runId, "running");
        try (KafkaConsumer<String, RunCancelled> cancellations = EventExchange.watch(RunCancelled.class)) {
            as(TestTokens.of("dave", Role.PUBLISHER)).contentType("application/json").body("{\"reason\": \"wrong data\"}")
                    .post("/api/v1/runs/" + runId + "/cancel").then().statusCode(200).body("status", equalTo("cancelled"));
            RunCancelled told = EventExchange.awaitRecord(cancellations, r -> runId.equals(r.value().getMeta().getRunId())).value();
            assertEquals("wrong data", told.getReason());
            assertEquals("dave", told.getCancelledBy());
        }
        given().get("/api/v1/runs/" + runId).then().body("run.status", equalTo("cancelled"));
        as(ADMIN).contentType("application/json").body("{}").post("/api/v1/runs/" + runId + "/cancel").then().statusCode(409)
                .body("error", containsString("only a running run"));

        // An evaluation that was already on its way: recorded, but nothing is registered for a cancelled run.
        EventExchange.send(evaluated(EventFixtures.METAS.causedBy(meta), spec, "train-cancelled", true));
        awaitTimelineSize(runId, 3);
        assertEquals(0, versions(pipeline).size());
        given().get("/api/v1/runs/" + runId).then().body("run.status", equalTo("cancelled"));
    }

    @Test
    void aFailedRunIsRetriedFromTheStageThatGaveUpWithItsInputEventSentAgain() throws Exception {
        String pipeline = EventFixtures.newPipeline("registry-retry");
        SpecRef spec = spec(pipeline);
        EventMeta meta = EventFixtures.METAS.startRun(pipeline);
        String runId = meta.getRunId();
        EventExchange.send(EventFixtures.datasetPublished(meta, dataset(pipeline), spec));
        DatasetValidated input = EventFixtures.datasetValidated(EventFixtures.METAS.causedBy(meta), dataset(pipeline), spec, 100);
        RecordMetadata where;
        try (KafkaProducer<String, DatasetValidated> producer = EventClients.avroProducer(SharedTestStack.ensureRunning())) {
            where = producer.send(new ProducerRecord<>(Topic.DATASETS_VALIDATED.topicName(), pipeline, input)).get();
        }
        EventExchange.send(StageFailed.newBuilder().setMeta(EventFixtures.METAS.causedBy(input.getMeta())).setStage("features")
                .setCauseTopic(where.topic()).setCausePartition(where.partition()).setCauseOffset(where.offset())
                .setErrorClass("java.io.UncheckedIOException").setMessage("test: the store was away").setAttempts(3)
                .setRetryable(true).build());
        awaitRunStatus(runId, "failed");

        try (KafkaConsumer<String, DatasetValidated> validated = EventExchange.watch(DatasetValidated.class)) {
            as(TestTokens.of("erin", Role.PUBLISHER)).post("/api/v1/runs/" + runId + "/retry")
                    .then().statusCode(200).body("stage", equalTo("features")).body("status", equalTo("running"));
            DatasetValidated again = EventExchange.awaitRecord(validated,
                    r -> input.getMeta().getEventId().equals(r.value().getMeta().getEventId())).value();
            assertEquals(input, again, "the very event the stage gave up on, sent again");
        }
        given().get("/api/v1/runs/" + runId).then().body("run.status", equalTo("running"))
                .body("timeline.summary", hasItem(containsString("retried by erin")));
        as(ADMIN).contentType("application/json").body("{}").post("/api/v1/runs/" + runId + "/retry").then().statusCode(409)
                .body("error", containsString("only a failed run"));
    }

    @Test
    void aPromotionTheOutboxStillOwesIsAnnouncedOnceByTheRelay() throws Throwable {
        String pipeline = EventFixtures.newPipeline("registry-outbox");
        SpecRef spec = spec(pipeline);
        ModelPromoted owed = EventFixtures.modelPromoted(EventFixtures.METAS.startRun(pipeline), dataset(pipeline), spec,
                EventFixtures.features(StorageLayout.features(pipeline, "a".repeat(64), "b".repeat(64)), "b".repeat(64)),
                pipeline, "train-owed", 1);
        String eventId = owed.getMeta().getEventId();
        try (KafkaConsumer<String, ModelPromoted> promotions = EventExchange.watch(ModelPromoted.class)) {
            // As a registry that crashed after its commit leaves it: in the outbox, never sent.
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.add(owed)));
            EventExchange.awaitRecord(promotions, r -> eventId.equals(r.value().getMeta().getEventId()));
            await().atMost(EventExchange.TIMEOUT).until(() -> markedSent(eventId));
            // Marked sent: the relay's next rounds (every second here) send it no more.
            ConsumerRecords<String, ModelPromoted> later = promotions.poll(Duration.ofSeconds(4));
            for (var record : later) {
                assertNotEquals(eventId, record.value().getMeta().getEventId(), "announced twice");
            }
        }
    }

    private SpecRef spec(String pipeline) {
        return spec(pipeline, "{mode: auto, stage: production}");
    }

    private SpecRef spec(String pipeline, String promotion) {
        return StoredInputs.spec(store::put, """
                pipeline: %s
                dataset: {label: y, columns: [{name: x, type: numeric}, {name: y, type: numeric}]}
                model: {type: logistic}
                promotion: %s
                """.formatted(pipeline, promotion));
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

    private static boolean markedSent(String eventId) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withSession(() -> OutboxEntity.<OutboxEntity>findById(eventId))).sentAt != null;
        } catch (Exception e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private static List<Map<String, Object>> versions(String pipeline) {
        return given().get("/api/v1/models/" + pipeline + "/versions").then().statusCode(200).extract().jsonPath().getList("");
    }

    private static void awaitRunStatus(String runId, String status) {
        await().atMost(EventExchange.TIMEOUT).until(() -> status.equals(
                given().get("/api/v1/runs/" + runId).then().extract().jsonPath().getString("run.status")));
    }

    private static void awaitTimelineSize(String runId, int size) {
        await().atMost(EventExchange.TIMEOUT).until(() -> given().get("/api/v1/runs/" + runId).then().extract()
                .jsonPath().getList("timeline").size() >= size);
    }

    /** A request with {@code token} as its bearer token. */
    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static ModelPromoted awaitPromotion(KafkaConsumer<String, ModelPromoted> consumer, String pipeline, int version) {
        return EventExchange.awaitRecord(consumer, r -> pipeline.equals(r.key()) && r.value().getVersion() == version).value();
    }
}

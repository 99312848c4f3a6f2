package ml.pipeline.registry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.EventMetas;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.SpecRef;
import ml.pipeline.services.storage.ObjectStore;
import ml.pipeline.testing.EventExchange;
import ml.pipeline.testing.EventFixtures;
import ml.pipeline.testing.PipelineStackResource;
import ml.pipeline.testing.StoredInputs;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/** Through the real stack and PostgreSQL: timeline, one version per training run, promotion by policy and by hand. */
@QuarkusTest
@WithTestResource(PipelineStackResource.class)
class RegistryFlowTest {
    @Inject
    ObjectStore store;

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

            given().get("/api/v1/runs/" + published.getMeta().getRunId()).then().statusCode(200)
                    .body("lineage.datasetSha256", equalTo(published.getDataset().getVersion()))
                    .body("lineage.version", equalTo(1))
                    .body("lineage.trainingRunId", equalTo("train-1"))
                    .body("timeline.size()", equalTo(3));
            given().get("/api/v1/pipelines/" + pipeline + "/runs").then().statusCode(200).body("size()", equalTo(3));

            given().contentType("application/json").body("{\"stage\": \"production\", \"reason\": \"rollback\", \"by\": \"alice\"}")
                    .put("/api/v1/models/" + pipeline + "/versions/1/stage").then().statusCode(200);
            ModelPromoted rollback = awaitPromotion(promotions, pipeline, 1);
            assertEquals(2, rollback.getPreviousVersion());
            assertEquals("alice", rollback.getPromotedBy());
            given().contentType("application/json").body("{\"stage\": \"nowhere\"}")
                    .put("/api/v1/models/" + pipeline + "/versions/1/stage").then().statusCode(400);
        }
    }

    private SpecRef spec(String pipeline) {
        return StoredInputs.spec(store::put, """
                pipeline: %s
                dataset: {label: y, columns: [{name: x, type: numeric}, {name: y, type: numeric}]}
                model: {type: logistic}
                promotion: {mode: auto, stage: production}
                """.formatted(pipeline));
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

    private static ModelPromoted awaitPromotion(KafkaConsumer<String, ModelPromoted> consumer, String pipeline, int version) {
        return EventExchange.awaitRecord(consumer, r -> pipeline.equals(r.key()) && r.value().getVersion() == version).value();
    }
}

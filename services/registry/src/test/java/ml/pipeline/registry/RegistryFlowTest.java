package ml.pipeline.registry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ml.pipeline.core.ContentHash;
import ml.pipeline.core.EventMetas;
import ml.pipeline.core.storage.ObjectStore;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.EventKeys;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.FeaturesRef;
import ml.pipeline.events.GateCheck;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.ModelRef;
import ml.pipeline.events.SpecRef;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.testing.EventTestClients;
import ml.pipeline.stack.testing.PipelineStackResource;
import ml.pipeline.stack.testing.SharedTestStack;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Through the real stack and PostgreSQL: timeline, one version per training run, promotion by policy and by hand. */
@QuarkusTest
@WithTestResource(PipelineStackResource.class)
class RegistryFlowTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Inject
    ObjectStore store;

    @Test
    void passingCandidatesAreRegisteredOnceAndPromotedArchivingThePrevious() throws Exception {
        String pipeline = "registry-test-" + UUID.randomUUID().toString().substring(0, 8);
        SpecRef spec = spec(pipeline);
        EventMetas metas = new EventMetas("registry-test", "0", Clock.systemUTC());
        StackConfig stack = SharedTestStack.ensureRunning();
        try (KafkaConsumer<String, ModelPromoted> promotions = EventTestClients.eventConsumer(stack, ModelPromoted.class)) {
            EventTestClients.positionAtEnd(promotions, Topic.MODELS_PROMOTED.topicName());

            DatasetPublished published = published(metas.startRun(pipeline), spec);
            send(Topic.DATASETS_PUBLISHED, published);
            ModelEvaluated first = evaluated(metas.causedBy(published.getMeta()), spec, "train-1", true);
            send(Topic.MODELS_EVALUATED, first);
            ModelPromoted v1 = awaitPromotion(promotions, pipeline, 1);
            assertEquals("production", v1.getStage());
            assertNull(v1.getPreviousVersion());
            assertEquals(published.getMeta().getRunId(), v1.getMeta().getRunId());
            assertEquals(first.getCandidate().getUri(), v1.getArtifactUri());

            ModelEvaluated second = evaluated(metas.startRun(pipeline), spec, "train-2", true);
            send(Topic.MODELS_EVALUATED, second);
            ModelPromoted v2 = awaitPromotion(promotions, pipeline, 2);
            assertEquals(1, v2.getPreviousVersion());

            // The same evaluation again, then a refused one: neither registers anything.
            send(Topic.MODELS_EVALUATED, first);
            ModelEvaluated refused = evaluated(metas.startRun(pipeline), spec, "train-3", false);
            send(Topic.MODELS_EVALUATED, refused);
            await().atMost(TIMEOUT).until(() -> given().get("/api/v1/runs/" + refused.getMeta().getRunId()).statusCode() == 200);
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
        byte[] yaml = ("""
                pipeline: %s
                dataset: {label: y, columns: [{name: x, type: numeric}, {name: y, type: numeric}]}
                model: {type: logistic}
                promotion: {mode: auto, stage: production}
                """.formatted(pipeline)).getBytes(StandardCharsets.UTF_8);
        S3Uri uri = StorageLayout.specSnapshot(ContentHash.sha256(yaml));
        store.put(uri, yaml, "application/yaml");
        return SpecRef.newBuilder().setUri(uri.toString()).setHash(ContentHash.sha256(yaml)).build();
    }

    private static DatasetPublished published(EventMeta meta, SpecRef spec) {
        return DatasetPublished.newBuilder().setMeta(meta).setDataset(dataset(meta.getPipeline())).setFormat("csv")
                .setSizeBytes(10).setRows(100L).setSource("cli").setSpec(spec).build();
    }

    private static DatasetRef dataset(String pipeline) {
        return DatasetRef.newBuilder().setName(pipeline).setVersion("a".repeat(64))
                .setUri("s3://datasets/" + pipeline + "/" + "a".repeat(64) + "/data.csv").build();
    }

    private static ModelEvaluated evaluated(EventMeta meta, SpecRef spec, String trainingRun, boolean passed) {
        String pipeline = meta.getPipeline();
        return ModelEvaluated.newBuilder().setMeta(meta).setDataset(dataset(pipeline)).setSpec(spec)
                .setFeatures(FeaturesRef.newBuilder().setTransformVersion("b".repeat(64)).setUri("s3://features/x/")
                        .setTransformUri("s3://features/x/transform.json").build())
                .setCandidate(ModelRef.newBuilder().setName(pipeline).setTrainingRunId(trainingRun).setVersion(null)
                        .setUri(StorageLayout.artifact(pipeline, trainingRun).toString()).build())
                .setBaseline(null).setCandidateMetrics(Map.of("roc_auc", 0.9)).setBaselineMetrics(null)
                .setSliceMetrics(List.of())
                .setChecks(List.of(GateCheck.newBuilder().setName("roc_auc >= 0.8").setPassed(passed).setObserved(0.9)
                        .setThreshold(0.8).setReason("test").build()))
                .setReportUri("s3://models/x/report.json").setPassed(passed).build();
    }

    private static <E extends SpecificRecord> void send(Topic topic, E event) throws Exception {
        try (KafkaProducer<String, E> producer = EventTestClients.avroProducer(SharedTestStack.ensureRunning())) {
            producer.send(new ProducerRecord<>(topic.topicName(), EventKeys.of((EventMeta) event.get(0)), event)).get();
        }
    }

    private static ModelPromoted awaitPromotion(KafkaConsumer<String, ModelPromoted> consumer, String pipeline, int version) {
        return EventTestClients.awaitRecord(consumer,
                r -> pipeline.equals(r.key()) && r.value().getVersion() == version, TIMEOUT).value();
    }
}

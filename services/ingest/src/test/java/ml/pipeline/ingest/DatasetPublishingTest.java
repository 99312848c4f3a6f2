package ml.pipeline.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import ml.pipeline.core.ContentHash;
import ml.pipeline.core.access.Role;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.services.storage.ObjectStore;
import ml.pipeline.testing.EventClients;
import ml.pipeline.testing.EventExchange;
import ml.pipeline.testing.EventFixtures;
import ml.pipeline.testing.PipelineStackResource;
import ml.pipeline.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/** Through the real stack: specs in, datasets stored by content, DatasetPublished out. */
@QuarkusTest
@WithTestResource(PipelineStackResource.class)
class DatasetPublishingTest {
    private static final byte[] CSV = "id,x,plan,y\n1,0.5,basic,0\n2,1.5,pro,1\n3,,plus,0\n".getBytes(StandardCharsets.UTF_8);

    @Inject
    ObjectStore store;

    @Test
    void aSpecIsCheckedStoredAndReadBack() {
        String pipeline = newPipeline();
        publisher().contentType("application/yaml").body(yaml(spec(pipeline))).put("/api/v1/pipelines/" + pipeline)
                .then().statusCode(200).body("label", equalTo("y"));
        given().get("/api/v1/pipelines/" + pipeline).then().statusCode(200).body(equalTo(spec(pipeline)));
        given().get("/api/v1/pipelines/no-such-pipeline").then().statusCode(404);
    }

    @Test
    void anInvalidSpecIsRefusedWithEveryProblem() {
        String pipeline = newPipeline();
        publisher().contentType("application/yaml")
                .body(yaml("pipeline: " + pipeline + "\ndataset: {label: nope, columns: [{name: x, type: numeric}]}\nmodel: {type: svm}\n"))
                .put("/api/v1/pipelines/" + pipeline)
                .then().statusCode(422)
                .body("problems", hasItem(containsString("unknown model type 'svm'")));
        publisher().contentType("application/yaml").body(yaml(spec("other-name"))).put("/api/v1/pipelines/" + pipeline)
                .then().statusCode(422)
                .body("problems[0]", containsString("names 'other-name'"));
    }

    @Test
    void anUploadIsStoredByContentAndStartsARun() throws Exception {
        String pipeline = newPipeline();
        putSpec(pipeline);
        try (KafkaConsumer<String, DatasetPublished> consumer = EventExchange.watch(DatasetPublished.class)) {
            JsonPath first = upload(pipeline, CSV).then().statusCode(202).extract().jsonPath();
            String sha = ContentHash.sha256(CSV);
            assertEquals(sha, first.getString("datasetVersion"));
            assertEquals("s3://datasets/" + pipeline + "/" + sha + "/data.csv", first.getString("datasetUri"));
            assertEquals(3, first.getLong("rows"));
            assertEquals(true, first.getBoolean("storedNow"));
            assertEquals("started", first.getString("outcome"), "ingest tested alone: no registry to ask, every publish runs");
            assertArrayEquals(CSV, store.read(S3Uri.parse(first.getString("datasetUri"))).orElseThrow());

            ConsumerRecord<String, DatasetPublished> record = EventExchange.awaitRecord(consumer,
                    r -> r.value().getMeta().getEventId().equals(first.getString("eventId")));
            DatasetPublished event = record.value();
            assertEquals(pipeline, record.key(), "keyed by pipeline");
            assertEquals(sha, event.getDataset().getVersion());
            assertEquals(first.getString("runId"), event.getMeta().getRunId());
            assertEquals("upload", event.getSource());
            assertEquals(3L, event.getRows());
            assertEquals(first.getString("specUri"), event.getSpec().getUri());
            assertEquals(first.getString("eventId"), EventClients.header(record, "ce_id").orElseThrow());
            assertEquals("ml.pipeline.DatasetPublished", EventClients.header(record, "ce_type").orElseThrow());
            assertEquals("ingest", event.getMeta().getProducer());

            JsonPath again = upload(pipeline, CSV).then().statusCode(202).extract().jsonPath();
            assertEquals(false, again.getBoolean("storedNow"), "the same bytes are stored once");
            assertEquals(first.getString("datasetUri"), again.getString("datasetUri"));
            assertEquals(first.getString("specHash"), again.getString("specHash"), "an unchanged spec is one snapshot");
            given().get("/q/health/ready").then().statusCode(200);
            assertThat(again.getString("runId"), not(equalTo(first.getString("runId"))));
        }
    }

    @Test
    void aParquetUploadIsStoredAsParquetAndOneTheSpecDoesNotExpectIsRefused() throws Exception {
        String pipeline = newPipeline();
        putSpec(pipeline);
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("ingest-parquet-");
        java.nio.file.Path csv = java.nio.file.Files.write(folder.resolve("data.csv"), CSV);
        java.nio.file.Path parquet = folder.resolve("data.parquet");
        ml.pipeline.services.storage.ParquetFiles.fromCsv(csv, parquet);
        byte[] bytes = java.nio.file.Files.readAllBytes(parquet);
        try (KafkaConsumer<String, DatasetPublished> consumer = EventExchange.watch(DatasetPublished.class)) {
            JsonPath answer = upload(pipeline, bytes).then().statusCode(202).extract().jsonPath();
            String sha = ContentHash.sha256(bytes);
            assertEquals("s3://datasets/" + pipeline + "/" + sha + "/data.parquet", answer.getString("datasetUri"));
            assertEquals(3, answer.getLong("rows"));
            DatasetPublished event = EventExchange.awaitRecord(consumer,
                    r -> r.value().getMeta().getEventId().equals(answer.getString("eventId"))).value();
            assertEquals("parquet", event.getFormat());
        }
        String csvOnly = newPipeline();
        publisher().contentType("application/yaml").body(yaml(spec(csvOnly).replace("  label: y\n", "  label: y\n  format: csv\n")))
                .put("/api/v1/pipelines/" + csvOnly).then().statusCode(200);
        upload(csvOnly, bytes).then().statusCode(400).body(containsString("dataset.format is csv but the file is parquet"));
        byte[] broken = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        upload(pipeline, broken).then().statusCode(400).body(containsString("not a readable Parquet file"));
    }

    @Test
    void aDatasetAlreadyInTheStoreCanBePublishedByAddress() {
        String pipeline = newPipeline();
        putSpec(pipeline);
        S3Uri uri = new S3Uri("datasets", "incoming/" + pipeline + ".csv");
        store.put(uri, CSV, "text/csv");
        publisher().contentType("application/json")
                .body("{\"pipeline\": \"" + pipeline + "\", \"uri\": \"" + uri + "\"}")
                .post("/api/v1/datasets")
                .then().statusCode(202)
                .body("datasetVersion", equalTo(ContentHash.sha256(CSV)));
        publisher().contentType("application/json")
                .body("{\"pipeline\": \"" + pipeline + "\", \"uri\": \"s3://datasets/missing.csv\"}")
                .post("/api/v1/datasets")
                .then().statusCode(404);
    }

    @Test
    void badInputIsRefusedWithAReason() {
        String pipeline = newPipeline();
        upload(pipeline, CSV).then().statusCode(404)
                .body("error", containsString("has no spec"));
        putSpec(pipeline);
        upload(pipeline, new byte[0]).then().statusCode(400)
                .body("error", containsString("header row"));
        upload(pipeline, "a,b\n1,2,3\n".getBytes(StandardCharsets.UTF_8)).then().statusCode(400)
                .body("error", containsString("line 2"));
        upload("Not A Name", CSV).then().statusCode(400);
        publisher().contentType("application/json").body("{\"pipeline\": \"" + pipeline + "\", \"uri\": \"s3://datasets/../models/x\"}")
                .post("/api/v1/datasets").then().statusCode(400).body("error", containsString("'..' segments"));
        publisher().contentType("application/json").body("{not json").post("/api/v1/datasets").then().statusCode(400)
                .body("error", containsString("the body is not valid JSON"));
        publisher().contentType("application/json").body("[1, 2]").post("/api/v1/datasets").then().statusCode(400)
                .body("error", containsString("does not have the expected shape"));
    }

    @Test
    void aDatasetOverItsPipelinesLimitIsRefusedWith413AndNotStored() {
        String pipeline = newPipeline();
        publisher().contentType("application/yaml").body(yaml(spec(pipeline) + "limits: {maxDatasetBytes: 40}\n"))
                .put("/api/v1/pipelines/" + pipeline).then().statusCode(200);
        upload(pipeline, CSV).then().statusCode(413)
                .body("error", equalTo("the dataset is " + CSV.length + " bytes; pipeline '" + pipeline
                        + "' accepts at most 40 (its spec's limits.maxDatasetBytes)"));
        assertFalse(store.exists(StorageLayout.dataset(pipeline, ContentHash.sha256(CSV), "csv")), "nothing stored");
        publisher().multiPart("file", "data.csv", CSV, "text/csv").multiPart("pipeline", pipeline)
                .multiPart("source", "x".repeat(1000)).post("/api/v1/datasets").then().statusCode(400)
                .body("error", containsString("(1000 characters)"));
    }

    @Test
    void publishingNeedsAPublishersToken() {
        String pipeline = newPipeline();
        given().contentType("application/yaml").body(yaml(spec(pipeline))).put("/api/v1/pipelines/" + pipeline)
                .then().statusCode(401).body("error", containsString("publisher or admin: none was sent"));
        given().auth().oauth2(TestTokens.approver()).contentType("application/yaml").body(yaml(spec(pipeline)))
                .put("/api/v1/pipelines/" + pipeline).then().statusCode(403).body("error", containsString("publisher or admin"));
        given().auth().oauth2(TestTokens.expired(Role.PUBLISHER)).multiPart("file", "data.csv", CSV, "text/csv")
                .multiPart("pipeline", pipeline).post("/api/v1/datasets").then().statusCode(401)
                .body("error", containsString("refused"));
        given().get("/api/v1/pipelines/" + pipeline).then().statusCode(404);
    }

    private static RequestSpecification publisher() {
        return given().auth().oauth2(TestTokens.publisher());
    }

    private static Response upload(String pipeline, byte[] bytes) {
        return publisher().multiPart("file", "data.csv", bytes, "text/csv").multiPart("pipeline", pipeline)
                .post("/api/v1/datasets");
    }

    private static void putSpec(String pipeline) {
        publisher().contentType("application/yaml").body(yaml(spec(pipeline))).put("/api/v1/pipelines/" + pipeline)
                .then().statusCode(200);
    }

    private static byte[] yaml(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String newPipeline() {
        return EventFixtures.newPipeline("ingest-test");
    }

    private static String spec(String pipeline) {
        return """
                pipeline: %s
                dataset:
                  label: y
                  id: id
                  minRows: 10
                  columns:
                    - {name: id, type: string}
                    - {name: x, type: numeric}
                    - {name: plan, type: categorical}
                    - {name: y, type: numeric, min: 0, max: 1}
                model: {type: logistic}
                """.formatted(pipeline);
    }
}

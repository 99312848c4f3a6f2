package ml.pipeline.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.testing.EventExchange;
import ml.pipeline.testing.EventFixtures;
import ml.pipeline.testing.PipelineStackResource;
import ml.pipeline.testing.SharedTestStack;
import ml.pipeline.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * A pipeline's source through the real stack, polled on demand (the specs' schedules are years
 * away): a prefix's new objects are published once by content, a bad object is refused once, a
 * missing bucket or credentials are named in the status, and pausing needs a publisher. Ingest
 * runs alone here, with no registry to ask, so every new content hash starts a run.
 */
@QuarkusTest
@WithTestResource(PipelineStackResource.class)
class SourcePollingTest {
    private static final String NEVER = "0 0 0 1 1 ? 2099";
    private static final byte[] CSV = "id,x,plan,y\n1,0.5,basic,0\n2,1.5,pro,1\n3,,plus,0\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void aPrefixPublishesEachNewContentOnceAndRefusesABadObjectOnce() throws Exception {
        String pipeline = EventFixtures.newPipeline("ingest-source");
        String bucket = "incoming-" + pipeline.substring(pipeline.length() - 8).replace('_', '-');
        putSpec(pipeline, "source: {schedule: '" + NEVER + "', s3Prefix: 's3://" + bucket + "/new/'}\n");

        JsonPath missing = poll(pipeline);
        assertEquals("error", missing.getString("status.lastOutcome"));
        assertTrue(missing.getString("status.lastError").contains("no bucket '" + bucket + "'"), missing.prettify());

        MinioClient s3 = s3();
        if (!s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            s3.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
        try (KafkaConsumer<String, DatasetPublished> consumer = EventExchange.watch(DatasetPublished.class)) {
            put(s3, bucket, "new/a.csv", CSV);
            put(s3, bucket, "new/copy-of-a.csv", CSV);
            put(s3, bucket, "new/bad.csv", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 7});
            put(s3, bucket, "elsewhere/b.csv", "id,x,plan,y\n9,1,pro,1\n".getBytes(StandardCharsets.UTF_8));
            JsonPath first = poll(pipeline);
            assertEquals("error", first.getString("status.lastOutcome"), "the bad object: " + first.prettify());
            assertEquals(1, first.getInt("status.runsStarted"), first.prettify());
            assertEquals(1, first.getList("status.lastRuns").size());
            assertTrue(first.getString("status.lastError").contains("refused s3://" + bucket + "/new/bad.csv: "), first.prettify());
            assertTrue(first.getString("status.lastError").contains("not UTF-8"), first.prettify());
            assertTrue(first.getString("status.lastMessage").contains("1 run started, 1 seen before, 1 refused"), first.prettify());
            assertEquals(2, first.getInt("seenCount"), "the CSV's hash and the bad object's");

            ConsumerRecord<String, DatasetPublished> record = EventExchange.awaitRecord(consumer,
                    r -> pipeline.equals(r.key()), Duration.ofSeconds(30));
            assertEquals("schedule", record.value().getSource());
            assertEquals(first.getString("status.lastRuns[0]"), record.value().getMeta().getRunId());

            JsonPath second = poll(pipeline);
            assertEquals("unchanged", second.getString("status.lastOutcome"), second.prettify());
            assertEquals("nothing new", second.getString("status.lastMessage"), "nothing read again, the bad object neither");
            assertEquals(first.getString("status.lastErrorAt"), second.getString("status.lastErrorAt"));
            assertEquals(first.getInt("status.polls") + 1, second.getInt("status.polls"));
        }
    }

    @Test
    void aJdbcSourceWithoutCredentialsSaysWhichToSetAndPausingNeedsAPublisher() {
        String pipeline = EventFixtures.newPipeline("ingest-source");
        StackConfig stack = SharedTestStack.ensureRunning();
        putSpec(pipeline, "source: {schedule: '" + NEVER + "', jdbc: {url: '" + stack.postgres().jdbcUrl()
                + "', query: 'SELECT 1 AS id', credentials: NOT_SET_ANYWHERE}}\n");
        JsonPath polled = poll(pipeline);
        assertEquals("error", polled.getString("status.lastOutcome"));
        assertTrue(polled.getString("status.lastError").contains("PIPELINE_SOURCE_NOT_SET_ANYWHERE_USER"), polled.prettify());
        assertEquals("jdbc", polled.getString("kind"));
        assertEquals(stack.postgres().jdbcUrl(), polled.getString("location"));

        given().auth().oauth2(TestTokens.approver()).post("/api/v1/pipelines/" + pipeline + "/sources/pause").then()
                .statusCode(403);
        given().post("/api/v1/pipelines/" + pipeline + "/sources/pause").then().statusCode(401);
        publisher().post("/api/v1/pipelines/" + pipeline + "/sources/pause").then().statusCode(200).body("paused", equalTo(true));
        given().get("/api/v1/pipelines/" + pipeline + "/sources").then().statusCode(200).body("[0].paused", equalTo(true));
        publisher().post("/api/v1/pipelines/" + pipeline + "/sources/resume").then().statusCode(200).body("paused", equalTo(false));
    }

    @Test
    void aPipelineWithoutASourceHasNoneAndAnUnknownOneIsNotFound() {
        String pipeline = EventFixtures.newPipeline("ingest-source");
        putSpec(pipeline, "");
        given().get("/api/v1/pipelines/" + pipeline + "/sources").then().statusCode(200).body("size()", equalTo(0));
        publisher().post("/api/v1/pipelines/" + pipeline + "/sources/pause").then().statusCode(404)
                .body("error", containsString("has no source"));
        given().get("/api/v1/pipelines/no-such-pipeline/sources").then().statusCode(404);
        publisher().contentType("application/yaml").body(spec(pipeline, "source: {schedule: '0 0 0 31 2 ? 2099x', "
                + "s3Prefix: 's3://incoming/x/'}\n").getBytes(StandardCharsets.UTF_8)).put("/api/v1/pipelines/" + pipeline)
                .then().statusCode(422).body("problems", hasItem(containsString("source.schedule")));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/pipelines/{name}/sources/pause"));
    }

    private static JsonPath poll(String pipeline) {
        return publisher().post("/api/v1/pipelines/" + pipeline + "/sources/poll").then().statusCode(200).extract().jsonPath();
    }

    private static MinioClient s3() {
        StackConfig stack = SharedTestStack.ensureRunning();
        return MinioClient.builder().endpoint(stack.s3().endpoint()).credentials(stack.s3().accessKey(), stack.s3().secretKey())
                .build();
    }

    private static void put(MinioClient s3, String bucket, String key, byte[] bytes) throws Exception {
        s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                .build());
    }

    private static RequestSpecification publisher() {
        return given().auth().oauth2(TestTokens.publisher());
    }

    private static void putSpec(String pipeline, String source) {
        publisher().contentType("application/yaml").body(spec(pipeline, source).getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/pipelines/" + pipeline).then().statusCode(200);
    }

    private static String spec(String pipeline, String source) {
        return """
                pipeline: %s
                dataset:
                  label: y
                  id: id
                  columns:
                    - {name: id, type: string}
                    - {name: x, type: numeric}
                    - {name: plan, type: categorical}
                    - {name: y, type: numeric, min: 0, max: 1}
                model: {type: logistic}
                """.formatted(pipeline) + source;
    }
}

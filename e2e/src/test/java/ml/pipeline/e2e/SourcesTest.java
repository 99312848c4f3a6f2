package ml.pipeline.e2e;

import static ml.pipeline.e2e.E2eRuns.cli;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import ml.pipeline.cli.demo.ChurnGenerator;
import ml.pipeline.stack.LocalServices;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.testing.EventFixtures;
import ml.pipeline.testing.SharedTestStack;
import ml.pipeline.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources that publish by themselves, against the test stack's own S3 store and PostgreSQL: a
 * CSV put under a scheduled prefix starts a run that is promoted, and the same bytes under
 * another key start none; a JDBC query's table starts a run, starts none while it is unchanged,
 * and another once a row changes. "None" is checked after further polls the source recorded.
 */
class SourcesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    private static final Duration POLLS = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "incoming";
    private static final String CREDENTIALS = "SOURCES_E2E";
    /** Every two seconds: polls pile up fast enough to count. */
    private static final String SCHEDULE = "0/2 * * * * ?";
    private static final Set<String> TERMINAL = Set.of("promoted", "refused", "rejected", "failed", "cancelled", "evaluated");
    private static StackConfig stack;
    private static LocalServices services;

    @TempDir
    static Path folder;

    @BeforeAll
    static void startServices() {
        stack = SharedTestStack.ensureRunning();
        services = E2eRuns.services(stack, Map.of());
        // Ingest with what a source needs: the database's credentials under the name the spec
        // gives, and the specs read every second (its token for the registry's claims is the stack's).
        services.processes().stop(List.of("ingest"));
        services.startWith("ingest", Map.of(
                "pipeline.sources.refresh", "1s",
                "pipeline.source." + CREDENTIALS + ".user", stack.postgres().user(),
                "pipeline.source." + CREDENTIALS + ".password", stack.postgres().password()));
        services.up();
    }

    @AfterAll
    static void stopServices() {
        services.down();
    }

    @Test
    void anObjectUnderThePrefixStartsARunOnceAndABadOneIsReportedOnce() throws Exception {
        String pipeline = EventFixtures.newPipeline("source-s3");
        MinioClient s3 = MinioClient.builder().endpoint(stack.s3().endpoint())
                .credentials(stack.s3().accessKey(), stack.s3().secretKey()).build();
        if (!s3.bucketExists(BucketExistsArgs.builder().bucket(BUCKET).build())) {
            s3.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
        }
        putSpec(pipeline, "source:\n  schedule: \"" + SCHEDULE + "\"\n  s3Prefix: s3://" + BUCKET + "/" + pipeline + "/\n");
        byte[] data = ChurnGenerator.csv(600, 41, ChurnGenerator.Labels.LEARNABLE).getBytes(StandardCharsets.UTF_8);

        put(s3, pipeline + "/2026-12-01.csv", data);
        String runId = awaitRuns(pipeline, 1).getFirst();
        awaitRunStatus(runId, Set.of("promoted"));
        assertEquals(1, source(pipeline).path("status").path("runsStarted").asLong());

        // The same bytes under another key, and an object that is no dataset at all.
        put(s3, pipeline + "/2026-12-02-copy.csv", data);
        put(s3, pipeline + "/broken.csv", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3});
        JsonNode refused = await().atMost(POLLS).until(() -> source(pipeline),
                s -> s.path("status").path("lastError").asText().contains("broken.csv"));
        assertTrue(refused.path("status").path("lastError").asText().contains("not UTF-8"), refused.toString());
        String refusedAt = refused.path("status").path("lastErrorAt").asText();
        JsonNode later = awaitFurtherPolls(pipeline, 3);
        assertEquals(1, runs(pipeline).size(), "the same bytes under another key started no run: " + runs(pipeline));
        assertEquals(1, later.path("status").path("runsStarted").asLong(), later.toString());
        assertEquals(refusedAt, later.path("status").path("lastErrorAt").asText(), "the bad object was not read again");
        assertEquals("unchanged", later.path("status").path("lastOutcome").asText(), later.toString());
        assertEquals(2, later.path("seenCount").asInt(), "the dataset's hash and the bad object's: " + later);

        String shown = cli("sources", pipeline, "--test");
        assertTrue(shown.contains("s3Prefix source of " + pipeline + ": s3://" + BUCKET + "/" + pipeline + "/")
                && shown.contains("runs started 1") && shown.contains("seen         2 content hashes")
                && shown.contains("broken.csv"), shown);

        // Paused (with the CLI), a new object waits.
        assertTrue(cli("sources", pipeline, "--pause", "--test").contains("(paused)"));
        long pausedAt = source(pipeline).path("status").path("polls").asLong();
        put(s3, pipeline + "/2026-12-03.csv", ChurnGenerator.csv(500, 43, ChurnGenerator.Labels.LEARNABLE)
                .getBytes(StandardCharsets.UTF_8));
        // Three schedules' worth of time: a running source would have published it by then.
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(30)).until(() -> runs(pipeline).size() == 1
                && source(pipeline).path("status").path("polls").asLong() <= pausedAt + 1); // + a poll under way at the pause
        assertTrue(source(pipeline).path("paused").asBoolean());

        // Three polls at once (poll now works while paused), as three ingest replicas polling at the same
        // moment would: each may read the new object, the registry's run claim lets one start its run.
        List<JsonNode> answers = IntStream.range(0, 3).parallel().mapToObj(i -> {
            try {
                return ingest("POST", "/api/v1/pipelines/" + pipeline + "/sources/poll");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        awaitRuns(pipeline, 2);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20)).until(() -> runs(pipeline).size() == 2);
        assertTrue(answers.stream().allMatch(a -> !"error".equals(a.path("status").path("lastOutcome").asText())),
                answers.toString());

        // Resumed (with the CLI), the schedule publishes what arrives.
        assertTrue(!cli("sources", pipeline, "--resume", "--test").contains("(paused)"));
        put(s3, pipeline + "/2026-12-04.csv", ChurnGenerator.csv(500, 44, ChurnGenerator.Labels.LEARNABLE)
                .getBytes(StandardCharsets.UTF_8));
        List<String> three = awaitRuns(pipeline, 3);
        three.forEach(run -> awaitRunStatus(run, TERMINAL));
    }

    @Test
    void aQueryStartsARunThenNoneWhileItsTableIsUnchangedAndAnotherWhenARowChanges() throws Exception {
        String pipeline = EventFixtures.newPipeline("source-jdbc");
        String schema = pipeline.replace('-', '_');
        String csv = ChurnGenerator.csv(400, 51, ChurnGenerator.Labels.LEARNABLE);
        List<String> columns = List.of(ChurnGenerator.HEADER.split(","));
        try (Connection db = database()) {
            try (Statement ddl = db.createStatement()) {
                ddl.execute("CREATE SCHEMA " + schema);
                ddl.execute("CREATE TABLE " + schema + ".customers (" + String.join(" text, ", columns) + " text)");
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + schema + ".customers VALUES ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")")) {
                csv.lines().skip(1).forEach(line -> {
                    try {
                        String[] values = line.split(",", -1);
                        for (int i = 0; i < values.length; i++) {
                            insert.setString(i + 1, values[i].isEmpty() ? null : values[i]);
                        }
                        insert.addBatch();
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                insert.executeBatch();
            }
        }
        putSpec(pipeline, "source:\n  schedule: \"" + SCHEDULE + "\"\n  jdbc:\n    url: " + stack.postgres().jdbcUrl()
                + "\n    query: SELECT " + String.join(", ", columns) + " FROM " + schema + ".customers ORDER BY customer_id"
                + "\n    credentials: " + CREDENTIALS + "\n");

        String first = awaitRuns(pipeline, 1).getFirst();
        awaitRunStatus(first, TERMINAL);
        JsonNode unchanged = awaitFurtherPolls(pipeline, 3);
        assertEquals(1, runs(pipeline).size(), "an unchanged table started no run: " + runs(pipeline));
        assertEquals("unchanged", unchanged.path("status").path("lastOutcome").asText(), unchanged.toString());
        assertEquals("jdbc", unchanged.path("kind").asText());

        try (Connection db = database(); Statement update = db.createStatement()) {
            assertEquals(1, update.executeUpdate("UPDATE " + schema + ".customers SET support_calls = '9' WHERE customer_id = ("
                    + "SELECT min(customer_id) FROM " + schema + ".customers)"));
        }
        List<String> both = awaitRuns(pipeline, 2);
        both.forEach(run -> awaitRunStatus(run, TERMINAL));
        assertEquals(2, source(pipeline).path("status").path("runsStarted").asLong());
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(stack.postgres().jdbcUrl(), stack.postgres().user(), stack.postgres().password());
    }

    private static void put(MinioClient s3, String key, byte[] bytes) throws Exception {
        s3.putObject(PutObjectArgs.builder().bucket(BUCKET).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType("text/csv").build());
    }

    /** The pipeline's one source, as GET .../sources shows it. */
    private static JsonNode source(String pipeline) throws Exception {
        JsonNode list = ingest("GET", "/api/v1/pipelines/" + pipeline + "/sources");
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }

    /** Waits until the source recorded {@code n} more polls than it has now; returns it then. */
    private static JsonNode awaitFurtherPolls(String pipeline, int n) throws Exception {
        long now = source(pipeline).path("status").path("polls").asLong();
        return await().atMost(POLLS).until(() -> source(pipeline), s -> s.path("status").path("polls").asLong() >= now + n);
    }

    /** Waits until the registry knows {@code n} runs of the pipeline; their ids, oldest first. */
    private static List<String> awaitRuns(String pipeline, int n) {
        return await().atMost(TIMEOUT).until(() -> runs(pipeline), runs -> runs.size() >= n);
    }

    private static List<String> runs(String pipeline) throws Exception {
        List<String> ids = new ArrayList<>();
        JsonNode runs = JSON.readTree(E2eRuns.registry(stack, "/api/v1/pipelines/" + pipeline + "/runs"));
        runs.forEach(run -> ids.add(run.path("runId").asText()));
        return ids.reversed(); // newest first from the registry
    }

    /** The demo's spec for {@code pipeline} with its source block, stored through ingest's API. */
    private static void putSpec(String pipeline, String source) throws Exception {
        E2eRuns.putSpec(stack, pipeline, E2eRuns.spec(folder, pipeline, source));
    }

    private static void awaitRunStatus(String runId, Set<String> statuses) {
        E2eRuns.awaitRunStatus(stack, runId, statuses);
    }

    private static JsonNode ingest(String method, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(ingestUri(path))
                .header("Authorization", "Bearer " + TestTokens.publisher())
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), method + " " + path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static URI ingestUri(String path) {
        return URI.create("http://" + StackConfig.LOOPBACK + ":" + stack.services().port("ingest") + path);
    }

}

package ml.pipeline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import ml.pipeline.cli.Main;
import ml.pipeline.events.DatasetRejected;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.RejectionReason;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.LocalServices;
import ml.pipeline.stack.LocalStack;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackRuntime;
import ml.pipeline.stack.testing.EventTestClients;
import ml.pipeline.stack.testing.SharedTestStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged services, each its own process, against the test stack: a dataset published with
 * the CLI cascades through validate, features, trainer and evaluator; one that breaks its
 * contract stops at validate with every reason.
 */
class CascadeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static StackConfig stack;
    private static LocalServices services;

    @TempDir
    static Path folder;

    @BeforeAll
    static void startServices() {
        stack = SharedTestStack.ensureRunning();
        StackRuntime runtime = StackRuntime.ofCurrentJvm(StackRuntime.findCheckout());
        services = new LocalServices(new LocalStack(stack, runtime, System.out), runtime, System.out);
        services.up();
    }

    @AfterAll
    static void stopServices() {
        services.down();
    }

    @Test
    void aPublishIsPromotedOnceTheSameBytesAddNoModelAndAWorseDatasetIsRefused() throws Exception {
        String pipeline = "cascade-" + UUID.randomUUID().toString().substring(0, 8);
        Path data = churn(pipeline, 1000, false);
        try (KafkaConsumer<String, ModelEvaluated> evaluated = EventTestClients.eventConsumer(stack, ModelEvaluated.class);
             KafkaConsumer<String, ModelPromoted> promoted = EventTestClients.eventConsumer(stack, ModelPromoted.class)) {
            EventTestClients.positionAtEnd(evaluated, Topic.MODELS_EVALUATED.topicName());
            EventTestClients.positionAtEnd(promoted, Topic.MODELS_PROMOTED.topicName());
            String output = cli("publish", data.toString(), "--pipeline", pipeline, "--spec", spec(pipeline).toString(), "--test");
            assertTrue(output.contains("stored now"), output);

            ModelEvaluated first = EventTestClients.awaitRecord(evaluated, r -> pipeline.equals(r.key()), TIMEOUT).value();
            assertTrue(first.getPassed(), () -> "gate: " + first.getChecks());
            assertTrue(first.getCandidateMetrics().get("roc_auc") > 0.75, first.getCandidateMetrics().toString());
            ModelPromoted v1 = EventTestClients.awaitRecord(promoted, r -> pipeline.equals(r.key()), TIMEOUT).value();
            assertEquals(1, v1.getVersion());
            assertEquals("production", v1.getStage());
            String runId = v1.getMeta().getRunId();
            String lineage = registry("/api/v1/runs/" + runId);
            assertTrue(lineage.contains("\"datasetSha256\":\"" + first.getDataset().getVersion() + "\""), lineage);
            awaitRunStatus(runId, "promoted"); // the registry's timeline records its own ModelPromoted too
            String status = cli("status", runId, "--test");
            assertTrue(status.contains(first.getDataset().getVersion()) && status.contains("models.promoted"), status);

            // The same bytes again: a new run, features and training reused, no second model version.
            cli("publish", data.toString(), "--pipeline", pipeline, "--test");
            ModelEvaluated again = EventTestClients.awaitRecord(evaluated, r -> pipeline.equals(r.key()), TIMEOUT).value();
            assertEquals(first.getCandidate().getTrainingRunId(), again.getCandidate().getTrainingRunId());
            awaitRunStatus(again.getMeta().getRunId(), again.getPassed() ? "evaluated" : "refused");

            // A worse dataset: labels that carry no signal. The gate refuses it; nothing is promoted.
            cli("publish", noise(pipeline, 400).toString(), "--pipeline", pipeline, "--test");
            ModelEvaluated worse = EventTestClients.awaitRecord(evaluated, r -> pipeline.equals(r.key()), TIMEOUT).value();
            assertTrue(!worse.getPassed(), () -> "a worse model passed: " + worse.getChecks());
            awaitRunStatus(worse.getMeta().getRunId(), "refused");

            String versions = registry("/api/v1/models/" + v1.getModelName() + "/versions");
            assertEquals(1, versions.split("\"version\":").length - 1, "exactly one model version: " + versions);
            assertTrue(promoted.poll(Duration.ofSeconds(2)).isEmpty(), "no second ModelPromoted");
        }
        assertTrue(cli("events", Topic.MODELS_PROMOTED.topicName(), "--pipeline", pipeline, "--test")
                .contains("\"version\": 1"));
        String models = cli("models", pipeline, "--test");
        assertTrue(models.contains("production"), models);
        String runs = cli("runs", pipeline, "--test");
        assertEquals(4, runs.lines().count(), "a header and three runs: " + runs);
        assertTrue(runs.contains("promoted") && runs.contains("refused"), runs);
    }

    @Test
    void aDatasetThatBreaksItsContractIsRejectedAndGoesNoFurther() throws Exception {
        String pipeline = "cascade-bad-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<String, DatasetRejected> rejected = EventTestClients.eventConsumer(stack, DatasetRejected.class);
             KafkaConsumer<String, FeaturesReady> features = EventTestClients.eventConsumer(stack, FeaturesReady.class)) {
            EventTestClients.positionAtEnd(rejected, Topic.DATASETS_REJECTED.topicName());
            EventTestClients.positionAtEnd(features, Topic.FEATURES_READY.topicName());
            cli("publish", churn(pipeline, 200, true).toString(), "--pipeline", pipeline, "--spec", spec(pipeline).toString(),
                    "--test");

            DatasetRejected result = EventTestClients.awaitRecord(rejected, r -> pipeline.equals(r.key()), TIMEOUT).value();
            List<String> codes = result.getReasons().stream().map(RejectionReason::getCode).toList();
            assertTrue(codes.containsAll(List.of("UNKNOWN_CATEGORY", "BELOW_MIN")), codes.toString());
            // No FeaturesReady for it: everything features emits for any pipeline meanwhile carries another key.
            ConsumerRecords<String, FeaturesReady> later = features.poll(Duration.ofSeconds(5));
            for (ConsumerRecord<String, FeaturesReady> record : later) {
                assertTrue(!pipeline.equals(record.key()), "a rejected dataset reached features");
            }
        }
    }

    /** A churn-like dataset (the rule in the spec's columns); broken: an unknown plan and negative tenure. */
    private static Path churn(String pipeline, int rows, boolean broken) throws Exception {
        Random random = new Random(broken ? 2 : 1); // the same data every run: the gate's verdict is reproducible
        StringBuilder csv = new StringBuilder("customer_id,tenure_months,monthly_charges,support_calls,plan,region,churned\n");
        String[] plans = {"basic", "plus", "pro"};
        String[] regions = {"north", "south", "east", "west"};
        for (int i = 0; i < rows; i++) {
            int tenure = random.nextInt(73);
            double charges = 20 + random.nextDouble() * 100;
            int calls = random.nextInt(9);
            String plan = plans[random.nextInt(3)];
            double z = -0.04 * tenure + 0.02 * charges + 0.35 * calls + ("basic".equals(plan) ? 0.6 : -0.3) - 1.5
                    + random.nextGaussian() * 0.8;
            if (broken && i % 10 == 0) {
                plan = "platinum";
                tenure = -3;
            }
            csv.append(String.format("c%d,%d,%.2f,%d,%s,%s,%d%n", i, tenure, charges, calls, plan,
                    regions[random.nextInt(4)], z > 0 ? 1 : 0));
        }
        Path file = folder.resolve(pipeline + ".csv");
        Files.writeString(file, csv.toString());
        return file;
    }

    /** Same columns, labels drawn at random: no model can beat chance on it. */
    private static Path noise(String pipeline, int rows) throws Exception {
        Path clean = churn(pipeline + "-noise-source", rows, false);
        Random random = new Random(7);
        List<String> lines = Files.readAllLines(clean);
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            csv.append(line, 0, line.lastIndexOf(',') + 1).append(random.nextInt(2)).append('\n');
        }
        Path file = folder.resolve(pipeline + "-noise.csv");
        Files.writeString(file, csv.toString());
        return file;
    }

    private static String registry(String path) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + stack.services().port("registry") + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private static void awaitRunStatus(String runId, String status) {
        org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> {
            try {
                return registry("/api/v1/runs/" + runId).contains("\"status\":\"" + status + "\"");
            } catch (AssertionError notYet) {
                return false;
            }
        });
    }

    private static Path spec(String pipeline) throws Exception {
        String text = new String(CascadeTest.class.getResourceAsStream("/e2e/churn.yaml").readAllBytes(), StandardCharsets.UTF_8)
                .replace("pipeline: churn", "pipeline: " + pipeline)
                .replace("name: churn-classifier", "name: " + pipeline); // versions are counted per model name
        Path file = folder.resolve(pipeline + ".yaml");
        Files.writeString(file, text);
        return file;
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        assertEquals(0, exit, () -> String.join(" ", args) + " failed: " + err);
        return out.toString();
    }
}

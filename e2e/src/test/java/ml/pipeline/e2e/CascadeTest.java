package ml.pipeline.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import ml.pipeline.cli.Main;
import ml.pipeline.cli.demo.ChurnGenerator;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.DatasetRejected;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.RejectionReason;
import ml.pipeline.events.Topic;
import ml.pipeline.services.storage.ParquetFiles;
import ml.pipeline.stack.LocalServices;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackRuntime;
import ml.pipeline.stack.kafka.KafkaConsumers;
import ml.pipeline.stack.kafka.WireFormatDecoder;
import ml.pipeline.testing.EventClients;
import ml.pipeline.testing.EventExchange;
import ml.pipeline.testing.EventFixtures;
import ml.pipeline.testing.SharedTestStack;
import ml.pipeline.testing.WebhookReceiver;
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
    private static final Duration TIMEOUT = E2eRuns.TIMEOUT;
    private static final ObjectMapper JSON = E2eRuns.JSON;
    private static final int CANDIDATES = 10;
    private static StackConfig stack;
    private static LocalServices services;

    @TempDir
    static Path folder;

    @BeforeAll
    static void startServices() {
        stack = SharedTestStack.ensureRunning();
        services = E2eRuns.services(stack, Map.of());
        services.up();
    }

    @AfterAll
    static void stopServices() {
        services.down();
    }

    @Test
    void aPublishIsPromotedOnceTheSameBytesAddNoModelAndAWorseDatasetIsRefused() throws Exception {
        String pipeline = EventFixtures.newPipeline("cascade");
        Path data = write(pipeline, ChurnGenerator.csv(1000, 1, ChurnGenerator.Labels.LEARNABLE));
        try (KafkaConsumer<String, ModelEvaluated> evaluated = EventExchange.watch(ModelEvaluated.class);
             KafkaConsumer<String, ModelPromoted> promoted = EventExchange.watch(ModelPromoted.class)) {
            String output = cli("publish", data.toString(), "--pipeline", pipeline, "--spec", spec(pipeline).toString(), "--test");
            assertTrue(output.contains("stored now"), output);

            ModelEvaluated first = EventExchange.awaitRecord(evaluated, r -> pipeline.equals(r.key()), TIMEOUT).value();
            assertTrue(first.getPassed(), () -> "gate: " + first.getChecks());
            assertTrue(first.getCandidateMetrics().get("roc_auc") > 0.75, first.getCandidateMetrics().toString());
            ModelPromoted v1 = EventExchange.awaitRecord(promoted, r -> pipeline.equals(r.key()), TIMEOUT).value();
            assertEquals(1, v1.getVersion());
            assertEquals("production", v1.getStage());
            String runId = v1.getMeta().getRunId();
            String lineage = registry("/api/v1/runs/" + runId);
            assertTrue(lineage.contains("\"datasetSha256\":\"" + first.getDataset().getVersion() + "\""), lineage);
            awaitRunStatus(runId, "promoted"); // the registry's timeline records its own ModelPromoted too
            assertTheRunIsOneTraceAcrossTheSixServices(pipeline, runId);
            String status = cli("status", runId, "--test");
            assertTrue(status.contains(first.getDataset().getVersion()) && status.contains("models.promoted"), status);

            // The same bytes and spec again: the answer is the run that did it, and no run starts.
            String repeat = cli("publish", data.toString(), "--pipeline", pipeline, "--test");
            assertTrue(repeat.contains("already done: version 1 (now production), from run " + runId), repeat);
            // Forced: a new run, features and training reused, its verdict the one given, no second version.
            cli("publish", data.toString(), "--pipeline", pipeline, "--force", "--test");
            ModelEvaluated again = EventExchange.awaitRecord(evaluated, r -> pipeline.equals(r.key()), TIMEOUT).value();
            assertEquals(first.getCandidate().getTrainingRunId(), again.getCandidate().getTrainingRunId());
            assertTrue(!runId.equals(again.getMeta().getRunId()), "a run of its own");
            awaitRunStatus(again.getMeta().getRunId(), again.getPassed() ? "evaluated" : "refused");

            // A worse dataset: labels that carry no signal. The gate refuses it; nothing is promoted.
            cli("publish", write(pipeline + "-noise", ChurnGenerator.csv(400, 7, ChurnGenerator.Labels.RANDOM)).toString(),
                    "--pipeline", pipeline, "--test");
            ModelEvaluated worse = EventExchange.awaitRecord(evaluated, r -> pipeline.equals(r.key()), TIMEOUT).value();
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
        String pipeline = EventFixtures.newPipeline("cascade-bad");
        try (KafkaConsumer<String, DatasetRejected> rejected = EventExchange.watch(DatasetRejected.class);
             KafkaConsumer<String, FeaturesReady> features = EventExchange.watch(FeaturesReady.class)) {
            cli("publish", write(pipeline, ChurnGenerator.breakingContract(200, 2)).toString(), "--pipeline", pipeline,
                    "--spec", spec(pipeline).toString(), "--test");

            DatasetRejected result = EventExchange.awaitRecord(rejected, r -> pipeline.equals(r.key()), TIMEOUT).value();
            List<String> codes = result.getReasons().stream().map(RejectionReason::getCode).toList();
            assertTrue(codes.containsAll(List.of("UNKNOWN_CATEGORY", "BELOW_MIN")), codes.toString());
            // No FeaturesReady for it: everything features emits for any pipeline meanwhile carries another key.
            ConsumerRecords<String, FeaturesReady> later = features.poll(Duration.ofSeconds(5));
            for (ConsumerRecord<String, FeaturesReady> record : later) {
                assertTrue(!pipeline.equals(record.key()), "a rejected dataset reached features");
            }
        }
    }

    /**
     * Ten candidates of one model published at once, twice: production changes only by a
     * compare-and-set, so every automatic change replaced exactly the version it was compared with,
     * and a candidate whose baseline left production was evaluated again instead of promoted blind.
     */
    @Test
    void concurrentCandidatesNeverReplaceAProductionTheyWereNotComparedWith() throws Exception {
        String pipeline = EventFixtures.newPipeline("race");
        int candidates = 0;
        int reevaluations = 0;
        try (KafkaConsumer<String, ModelEvaluated> evaluations = EventExchange.watch(ModelEvaluated.class)) {
            cli("publish", write(pipeline + "-seed", ChurnGenerator.csv(600, 100, ChurnGenerator.Labels.LEARNABLE)).toString(),
                    "--pipeline", pipeline, "--spec", spec(pipeline).toString(), "--test");
            for (int round = 0; round < 2; round++) {
                int base = 200 + round * 100;
                List<String> runs = IntStream.range(0, CANDIDATES).parallel()
                        .mapToObj(i -> publish(pipeline, ChurnGenerator.csv(600, base + i, ChurnGenerator.Labels.LEARNABLE)))
                        .toList();
                candidates += runs.size();
                for (String run : runs) {
                    awaitRunStatus(run, Set.of("promoted", "refused"));
                }
            }
            List<ModelEvaluated> seen = new ArrayList<>();
            ConsumerRecords<String, ModelEvaluated> batch;
            do {
                batch = evaluations.poll(Duration.ofSeconds(3));
                for (ConsumerRecord<String, ModelEvaluated> record : batch) {
                    if (pipeline.equals(record.key())) {
                        seen.add(record.value());
                    }
                }
            } while (!batch.isEmpty());
            reevaluations = (int) seen.stream().filter(e -> e.getAttempt() > 1).count();
            List<JsonNode> history = List.copyOf(JSON.readTree(registry("/api/v1/models/" + pipeline + "/history"))
                    .valueStream().toList());
            Integer inProduction = null;
            int promotions = 0;
            for (JsonNode change : history) {
                if (!"production".equals(change.path("to").asText())) {
                    continue;
                }
                Integer comparedWith = change.path("comparedWith").isNull() ? null : change.path("comparedWith").asInt();
                assertEquals(inProduction, comparedWith, "version " + change.path("version") + " replaced " + inProduction
                        + " but was compared with " + comparedWith + ": " + history);
                inProduction = change.path("version").asInt();
                promotions++;
            }
            int finalVersion = inProduction;
            Integer predecessor = history.stream().filter(c -> "production".equals(c.path("to").asText())
                    && c.path("version").asInt() == finalVersion).map(c -> c.path("comparedWith"))
                    .map(n -> n.isNull() ? null : n.asInt()).findFirst().orElse(null);
            JsonNode finalVersionInfo = JSON.readTree(registry("/api/v1/models/" + pipeline + "/production"));
            String trainingRun = finalVersionInfo.path("trainingRunId").asText();
            ModelEvaluated winning = seen.stream()
                    .filter(e -> e.getCandidate().getTrainingRunId().equals(trainingRun) && e.getPassed())
                    .filter(e -> Objects.equals(predecessor, e.getBaseline() == null ? null : e.getBaseline().getVersion()))
                    .findFirst().orElseThrow(() -> new AssertionError("no evaluation of v" + finalVersion + " against v"
                            + predecessor + " among " + seen.size()));
            if (predecessor != null) {
                assertTrue(winning.getCandidateMetrics().get("roc_auc") >= winning.getBaselineMetrics().get("roc_auc"),
                        "the final production beat its predecessor on the same holdout: " + winning.getCandidateMetrics()
                                + " against " + winning.getBaselineMetrics());
            }
            System.out.printf("race: %d candidates (+1 seed), %d automatic promotions to production, %d re-evaluations%n",
                    candidates, promotions, reevaluations);
            assertTrue(promotions >= 1, "something was promoted");
            String printed = cli("history", pipeline, "--test");
            assertTrue(printed.contains("none -> production") && printed.contains("policy"), printed);
            if (predecessor != null) {
                String rolledBack = cli("rollback", pipeline, "--reason", "e2e rollback", "--test");
                assertTrue(rolledBack.contains("version " + predecessor + " is in production again"), rolledBack);
                assertEquals(predecessor.intValue(), JSON.readTree(registry("/api/v1/models/" + pipeline + "/production"))
                        .path("version").asInt());
            }
        }
    }

    /** The evaluator killed and started again: its view of production is read back before it compares anything. */
    @Test
    void aRestartedEvaluatorComparesTheNextCandidateWithTheModelInProduction() throws Exception {
        String pipeline = EventFixtures.newPipeline("evaluator-restart");
        try (KafkaConsumer<String, ModelPromoted> promoted = EventExchange.watch(ModelPromoted.class);
             KafkaConsumer<String, ModelEvaluated> evaluated = EventExchange.watch(ModelEvaluated.class)) {
            cli("publish", write(pipeline, ChurnGenerator.csv(600, 11, ChurnGenerator.Labels.LEARNABLE)).toString(),
                    "--pipeline", pipeline, "--spec", spec(pipeline).toString(), "--test");
            ModelPromoted v1 = EventExchange.awaitRecord(promoted, r -> pipeline.equals(r.key()), TIMEOUT).value();

            services.processes().kill("evaluator");
            services.up();
            String run = publish(pipeline, ChurnGenerator.csv(600, 12, ChurnGenerator.Labels.LEARNABLE));
            ModelEvaluated next = EventExchange.awaitRecord(evaluated, r -> run.equals(r.value().getMeta().getRunId()), TIMEOUT)
                    .value();
            assertEquals(1, next.getAttempt(), "compared right the first time");
            assertEquals(v1.getVersion(), next.getBaseline().getVersion(), "compared with the version in production");
        }
    }

    /**
     * The registry killed after it committed a promotion and before it announced it: announced
     * after the restart, once. The announcement is held back (a fault-test setting) so that the
     * kill falls between the two for certain.
     */
    @Test
    void aPromotionCommittedWhenTheRegistryDiedIsAnnouncedAfterItsRestartOnce() throws Exception {
        String pipeline = EventFixtures.newPipeline("registry-crash");
        services.processes().stop(List.of("registry"));
        services.startWith("registry", Map.of("pipeline.registry.outbox.announce-delay", "120s",
                "pipeline.registry.outbox.grace", "1h"));
        try (KafkaConsumer<String, ModelPromoted> promoted = EventExchange.watch(ModelPromoted.class)) {
            try {
                cli("publish", write(pipeline, ChurnGenerator.csv(600, 21, ChurnGenerator.Labels.LEARNABLE)).toString(),
                        "--pipeline", pipeline, "--spec", spec(pipeline).toString(), "--test");
                await().atMost(TIMEOUT).until(() -> inProduction(pipeline));
                for (ConsumerRecord<String, ModelPromoted> record : promoted.poll(Duration.ofSeconds(1))) {
                    assertTrue(!pipeline.equals(record.key()), "announced before the kill: the delay did not hold it back");
                }
                services.processes().kill("registry");
            } finally {
                services.up();
            }
            ConsumerRecord<String, ModelPromoted> record = EventExchange.awaitRecord(promoted, r -> pipeline.equals(r.key()), TIMEOUT);
            ModelPromoted announced = record.value();
            assertEquals(1, announced.getVersion());
            // Sent by the relay of a registry that was not there when it was decided, it still continues the run's trace.
            try (KafkaConsumer<String, ModelEvaluated> evaluated = EventClients.eventConsumer(stack, ModelEvaluated.class)) {
                KafkaConsumers.assign(evaluated, List.of(Topic.MODELS_EVALUATED.topicName()), KafkaConsumers.From.BEGINNING);
                ConsumerRecord<String, ModelEvaluated> cause = EventExchange.awaitRecord(evaluated,
                        r -> r.value().getMeta().getRunId().equals(announced.getMeta().getRunId()), TIMEOUT);
                assertEquals(traceIdOf(cause), traceIdOf(record), "ModelPromoted continues the trace of its ModelEvaluated");
            }
            ConsumerRecords<String, ModelPromoted> later = promoted.poll(Duration.ofSeconds(15));
            for (ConsumerRecord<String, ModelPromoted> again : later) {
                assertTrue(!pipeline.equals(again.key()), "announced twice: " + again.value());
            }
        }
    }

    /**
     * The spec's webhook hears, signed with the secret the registry's settings hold, of a run that
     * a stage gave up on (a dataset whose rows all share one id: the id split leaves a split empty)
     * and of a promotion; the registry runs with the secret for this test only.
     */
    @Test
    void aFailureAndAPromotionReachTheSpecsWebhookSigned() throws Exception {
        String secret = "e2e-webhook-secret-" + UUID.randomUUID();
        String pipeline = EventFixtures.newPipeline("alerts");
        services.processes().stop(List.of("registry"));
        try (WebhookReceiver hook = WebhookReceiver.start()) {
            // The same local server is the registry's OTLP collector: its spans are exported there too.
            services.startWith("registry", Map.of("pipeline.webhook.secret.E2E_HOOK", secret,
                    "pipeline.tracing.otlp-endpoint", hook.url("/v1/traces")));
            Path spec = spec(pipeline, "notify:\n  webhooks:\n    - {url: \"" + hook.url("/alerts")
                    + "\", on: [failure, promotion], secret: E2E_HOOK}\n");
            String oneId = ChurnGenerator.csv(300, 31, ChurnGenerator.Labels.LEARNABLE).lines()
                    .map(line -> line.startsWith("customer_id,") ? line : "c-1" + line.substring(line.indexOf(',')))
                    .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
            cli("publish", write(pipeline + "-one-id", oneId).toString(), "--pipeline", pipeline, "--spec", spec.toString(), "--test");
            WebhookReceiver.Request failure = hook.await(r -> "failure".equals(r.header("X-Pipeline-Event")), TIMEOUT);
            assertTrue(failure.isSignedWith(secret), "signed: " + failure.headers());
            JsonNode failed = failure.json();
            assertEquals(pipeline, failed.get("pipeline").asText());
            assertEquals("features", failed.at("/details/stage").asText());
            assertTrue(failed.get("text").asText().contains("Run failed: features failed") && failed.get("summary").asText()
                    .contains("empty"), failed.toString());
            assertTrue(failed.at("/links/run").asText().endsWith("/api/v1/runs/" + failed.get("runId").asText()), failed.toString());
            awaitRunStatus(failed.get("runId").asText(), "failed");

            cli("publish", write(pipeline, ChurnGenerator.csv(600, 32, ChurnGenerator.Labels.LEARNABLE)).toString(),
                    "--pipeline", pipeline, "--test");
            WebhookReceiver.Request promotion = hook.await(r -> "promotion".equals(r.header("X-Pipeline-Event")), TIMEOUT);
            assertTrue(promotion.isSignedWith(secret), "signed: " + promotion.headers());
            JsonNode promoted = promotion.json();
            assertEquals(pipeline, promoted.at("/details/model").asText());
            assertEquals(1, promoted.at("/details/version").asInt());
            assertEquals("production", promoted.at("/details/stage").asText());
            assertTrue(hook.received("/alerts").stream().noneMatch(r -> "drift".equals(r.header("X-Pipeline-Event"))),
                    "only the kinds the hook listed");
            String promotedRun = promotion.json().get("runId").asText();
            WebhookReceiver.Request spans = hook.await(r -> r.path().equals("/v1/traces")
                    && new String(r.body(), StandardCharsets.ISO_8859_1).contains(promotedRun), TIMEOUT);
            assertEquals("application/x-protobuf", spans.header("Content-Type"), "OTLP over HTTP: " + spans.headers());
        } finally {
            services.processes().stop(List.of("registry"));
            services.up();
        }
    }

    /**
     * Drift against the model in production: a dataset like the one it was trained on passes with
     * every column's scores; one with a shifted column and a new category is refused, naming the
     * column, the score, the level and the production version.
     */
    @Test
    void aDriftedDatasetIsRefusedAgainstProductionAndAnUndriftedOnePassesWithEveryScore() throws Exception {
        String pipeline = EventFixtures.newPipeline("drift");
        Path driftSpec = folder.resolve(pipeline + "-drift.yaml");
        Files.writeString(driftSpec, Files.readString(spec(pipeline))
                + "drift: {psi: {warn: 0.1, reject: 0.25}, unseen: {reject: 0.2}}\n");
        try (KafkaConsumer<String, ModelPromoted> promoted = EventExchange.watch(ModelPromoted.class);
             KafkaConsumer<String, DatasetValidated> validated = EventExchange.watch(DatasetValidated.class);
             KafkaConsumer<String, DatasetRejected> rejected = EventExchange.watch(DatasetRejected.class)) {
            cli("publish", write(pipeline, ChurnGenerator.csv(1000, 41, ChurnGenerator.Labels.LEARNABLE)).toString(),
                    "--pipeline", pipeline, "--spec", driftSpec.toString(), "--test");
            DatasetValidated first = EventExchange.awaitRecord(validated, r -> pipeline.equals(r.key()), TIMEOUT).value();
            assertTrue(first.getDrift().getNote().contains("in production: nothing to compare with"), first.getDrift().toString());
            assertEquals(1, EventExchange.awaitRecord(promoted, r -> pipeline.equals(r.key()), TIMEOUT).value().getVersion());

            String like = publish(pipeline, ChurnGenerator.csv(1000, 42, ChurnGenerator.Labels.LEARNABLE));
            DatasetValidated passed = EventExchange.awaitRecord(validated, r -> like.equals(r.value().getMeta().getRunId()), TIMEOUT)
                    .value();
            assertEquals(1, passed.getDrift().getBaselineModelVersion());
            assertEquals(List.of("tenure_months", "monthly_charges", "support_calls", "plan", "region", "churned"),
                    passed.getDrift().getColumns().stream().map(c -> c.getColumn()).toList(), "every compared column, id left out");
            assertTrue(passed.getDrift().getColumns().stream().allMatch(c -> !"reject".equals(c.getVerdict())),
                    passed.getDrift().toString());

            String drifted = publish(pipeline, drift(ChurnGenerator.csv(1000, 43, ChurnGenerator.Labels.LEARNABLE)));
            DatasetRejected refused = EventExchange.awaitRecord(rejected, r -> drifted.equals(r.value().getMeta().getRunId()), TIMEOUT)
                    .value();
            List<String> reasons = refused.getReasons().stream().map(r -> r.getCode() + " " + r.getColumn() + ": " + r.getMessage())
                    .toList();
            assertTrue(reasons.stream().anyMatch(r -> r.startsWith("DRIFT monthly_charges: column 'monthly_charges': psi ")
                    && r.contains("reject level 0.25") && r.contains("of production version ")), reasons.toString());
            assertTrue(reasons.stream().anyMatch(r -> r.startsWith("DRIFT region: column 'region': unseen ")
                    && r.contains("reject level 0.2")), reasons.toString());
        }
    }

    /**
     * Files that break the pipeline elsewhere are refused at validate, each with its code, in
     * events of bounded size; nothing downstream runs for them, and a good file cascades after.
     */
    @Test
    void badFilesAreRefusedWithTheirCodeAndAGoodOneCascadesAfterThem() throws Exception {
        String pipeline = EventFixtures.newPipeline("badfiles");
        String header = ChurnGenerator.HEADER + "\n";
        String good = ChurnGenerator.csv(600, 51, ChurnGenerator.Labels.LEARNABLE);
        List<String> lines = good.lines().toList();
        Map<String, String> bad = Map.of(
                "TOO_FEW_ROWS", header,
                "LABEL_MISSING", String.join("\n", lines.stream().map(l -> l.substring(0, l.lastIndexOf(',') + 1)).toList())
                        .replaceFirst("^[^\n]*,\n", header),
                "NOT_NUMERIC", good.replaceFirst("\n([^,]*),([^,]*),([^,]*),", "\n$1,$2," + "x".repeat(1 << 20) + ","));
        try (KafkaConsumer<String, DatasetRejected> rejected = EventExchange.watch(DatasetRejected.class);
             KafkaConsumer<String, ModelPromoted> promoted = EventExchange.watch(ModelPromoted.class)) {
            cli("publish", write(pipeline + "-first", bad.get("TOO_FEW_ROWS")).toString(), "--pipeline", pipeline,
                    "--spec", spec(pipeline).toString(), "--test");
            for (Map.Entry<String, String> file : bad.entrySet()) {
                if (!file.getKey().equals("TOO_FEW_ROWS")) {
                    publish(pipeline, file.getValue());
                }
            }
            Set<String> codes = new HashSet<>();
            // The refusals come within a second of each other: read every record, not the first match of a poll.
            await().atMost(TIMEOUT).until(() -> {
                for (ConsumerRecord<String, DatasetRejected> record : rejected.poll(Duration.ofMillis(500))) {
                    if (pipeline.equals(record.key())) {
                        record.value().getReasons().forEach(r -> codes.add(r.getCode()));
                        assertTrue(record.value().toString().length() < 64 * 1024,
                                "a refusal stays small: " + record.value().toString().length());
                    }
                }
                return codes.containsAll(bad.keySet());
            });
            assertEquals(List.of(), objectsUnder("features", pipeline + "/"), "nothing after validate ran for a refused file");
            assertEquals(List.of(), objectsUnder("models", pipeline + "/"));
            publish(pipeline, good);
            ModelPromoted v1 = EventExchange.awaitRecord(promoted, r -> pipeline.equals(r.key()), TIMEOUT).value();
            assertEquals(1, v1.getVersion(), "the good file after the bad ones: one version, no other run got that far");
        }
    }

    /**
     * A column that is the label in disguise is refused naming it; the same data with an honest
     * column is split by time (the spec asks for it), the cut-offs are in FeaturesReady, and it
     * cascades to a promoted model.
     */
    @Test
    void aLeakingColumnIsRefusedNamingItAndATimeSplitShowsItsCutOffs() throws Exception {
        String pipeline = EventFixtures.newPipeline("leak");
        Path leakSpec = folder.resolve(pipeline + "-leak.yaml");
        Files.writeString(leakSpec, withSignupAndRefund(Files.readString(spec(pipeline)))
                .replace("split: {", "split: {by: time, ") + "leakage: {auc: {reject: 0.99}}\n");
        String data = ChurnGenerator.csv(900, 61, ChurnGenerator.Labels.LEARNABLE);
        try (KafkaConsumer<String, DatasetRejected> rejected = EventExchange.watch(DatasetRejected.class);
             KafkaConsumer<String, FeaturesReady> ready = EventExchange.watch(FeaturesReady.class);
             KafkaConsumer<String, ModelPromoted> promoted = EventExchange.watch(ModelPromoted.class)) {
            cli("publish", write(pipeline + "-leaky", signupAndRefund(data, true)).toString(), "--pipeline", pipeline,
                    "--spec", leakSpec.toString(), "--test");
            DatasetRejected refused = EventExchange.awaitRecord(rejected, r -> pipeline.equals(r.key()), TIMEOUT).value();
            RejectionReason leak = refused.getReasons().stream().filter(r -> "TARGET_LEAK".equals(r.getCode())).findFirst()
                    .orElseThrow(() -> new AssertionError(refused.getReasons().toString()));
            assertEquals("refund_issued", leak.getColumn());
            assertTrue(leak.getMessage().contains("ROC AUC 1.0000") && leak.getMessage().contains("0.99"), leak.getMessage());

            String honest = publish(pipeline, signupAndRefund(data, false));
            FeaturesReady features = EventExchange.awaitRecord(ready, r -> honest.equals(r.value().getMeta().getRunId()), TIMEOUT)
                    .value();
            assertEquals("time", features.getSplitBy());
            // 900 rows an hour apart from 2026-01-01T00:00Z: train is the first 630, validation the next 135.
            assertEquals("signed_up", features.getTimeSplit().getColumn());
            assertEquals("2026-01-27T05:00:00Z", features.getTimeSplit().getTrainUntil());
            assertEquals("2026-02-01T20:00:00Z", features.getTimeSplit().getValidationUntil());
            assertEquals(0L, features.getTimeSplit().getIdsAcrossSplits(), "every customer is seen once");
            assertEquals(135L, features.getSplits().stream().filter(s -> "holdout".equals(s.getName())).findFirst().orElseThrow()
                    .getRows());
            assertEquals(1, EventExchange.awaitRecord(promoted, r -> pipeline.equals(r.key()), TIMEOUT).value().getVersion());
        }
    }

    /** The same rows as CSV and as Parquet: each cascades to a promoted model, with the same profile figures and splits. */
    @Test
    void aParquetDatasetCascadesLikeItsCsvTwinWithTheSameProfileFigures() throws Exception {
        String csvPipeline = EventFixtures.newPipeline("twin-csv");
        String parquetPipeline = EventFixtures.newPipeline("twin-parquet");
        Path csv = write(csvPipeline, ChurnGenerator.csv(800, 71, ChurnGenerator.Labels.LEARNABLE));
        Path parquet = folder.resolve(parquetPipeline + ".parquet");
        ParquetFiles.fromCsv(csv, parquet);
        try (KafkaConsumer<String, DatasetValidated> validated = EventExchange.watch(DatasetValidated.class);
             KafkaConsumer<String, FeaturesReady> ready = EventExchange.watch(FeaturesReady.class);
             KafkaConsumer<String, ModelPromoted> promoted = EventExchange.watch(ModelPromoted.class)) {
            cli("publish", csv.toString(), "--pipeline", csvPipeline, "--spec", spec(csvPipeline).toString(), "--test");
            cli("publish", parquet.toString(), "--pipeline", parquetPipeline, "--spec", spec(parquetPipeline).toString(), "--test");
            Map<String, DatasetValidated> profiles = new java.util.HashMap<>();
            Map<String, FeaturesReady> features = new java.util.HashMap<>();
            Set<String> promotedPipelines = new HashSet<>();
            Set<String> both = Set.of(csvPipeline, parquetPipeline);
            // Both runs' events come close together: read every record of each poll.
            await().atMost(TIMEOUT).until(() -> {
                validated.poll(Duration.ofMillis(200)).forEach(r -> profiles.put(r.key(), r.value()));
                ready.poll(Duration.ofMillis(200)).forEach(r -> features.put(r.key(), r.value()));
                promoted.poll(Duration.ofMillis(200)).forEach(r -> promotedPipelines.add(r.key()));
                return promotedPipelines.containsAll(both) && profiles.keySet().containsAll(both)
                        && features.keySet().containsAll(both);
            });
            DatasetValidated fromCsv = profiles.get(csvPipeline);
            DatasetValidated fromParquet = profiles.get(parquetPipeline);
            assertTrue(fromParquet.getDataset().getUri().endsWith(".parquet"), fromParquet.getDataset().getUri());
            assertEquals(fromCsv.getQuality(), fromParquet.getQuality(), "rows, completeness per column, duplicates, empties");
            assertEquals(fromCsv.getLeakage().size(), fromParquet.getLeakage().size());
            for (int i = 0; i < fromCsv.getLeakage().size(); i++) {
                // Per-class KLL sketches: exact here for categories, within the sketches' error for numbers.
                assertEquals(fromCsv.getLeakage().get(i).getAuc(), fromParquet.getLeakage().get(i).getAuc(), 0.02,
                        fromCsv.getLeakage().get(i).getColumn());
            }
            assertEquals(features.get(csvPipeline).getSplits().stream().map(s -> s.getRows()).toList(),
                    features.get(parquetPipeline).getSplits().stream().map(s -> s.getRows()).toList(),
                    "the same rows fall in the same splits");
            assertEquals(features.get(csvPipeline).getFeatureNames(), features.get(parquetPipeline).getFeatureNames());
        }
    }

    /** The churn contract with a signup time (the time column) and a refund flag. */
    private static String withSignupAndRefund(String spec) {
        return spec.replace("  id: customer_id\n", "  id: customer_id\n  time: signed_up\n")
                .replace("  columns:\n", "  columns:\n    - {name: signed_up, type: timestamp, nullable: false}\n"
                        + "    - {name: refund_issued, type: numeric}\n");
    }

    /** Adds signed_up (an hour apart, oldest first) and refund_issued: the label itself when {@code leaky}, else noise. */
    private static String signupAndRefund(String csv, boolean leaky) {
        List<String> lines = new ArrayList<>(csv.lines().toList());
        lines.set(0, lines.get(0) + ",signed_up,refund_issued");
        java.util.Random noise = new java.util.Random(5);
        for (int i = 1; i < lines.size(); i++) {
            String label = lines.get(i).substring(lines.get(i).lastIndexOf(',') + 1);
            java.time.Instant signup = java.time.Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofHours(i - 1));
            lines.set(i, lines.get(i) + "," + signup + "," + (leaky ? label : String.valueOf(noise.nextInt(2))));
        }
        return String.join("\n", lines) + "\n";
    }

    /** Every monthly charge 60 higher, and a third of the regions one the baseline never had. */
    private static String drift(String csv) {
        List<String> lines = new ArrayList<>(csv.lines().toList());
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (!cells[2].isEmpty()) {
                cells[2] = String.valueOf(Double.parseDouble(cells[2]) + 60);
            }
            if (i % 3 == 0) {
                cells[5] = "atlantis";
            }
            lines.set(i, String.join(",", cells));
        }
        return String.join("\n", lines) + "\n";
    }

    /** The services take the CLI's tokens: a publisher's publishes, none is refused with the role named. */
    @Test
    void theServicesTakeTheTokensTheCliPrintsAndRefuseNone() throws Exception {
        String pipeline = EventFixtures.newPipeline("tokens");
        String ingest = "http://" + StackConfig.LOOPBACK + ":" + stack.services().port("ingest") + "/api/v1/pipelines/" + pipeline;
        String token = cli("token", "--role", "publisher", "--subject", "e2e-user", "--ttl", "10m", "--test").trim();
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(ingest)).header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofFile(spec(pipeline)));
        HttpResponse<String> refused = HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("publisher or admin: none was sent"), refused.body());
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(put.header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, accepted.statusCode(), accepted.body());
        String approver = cli("token", "--role", "approver", "--test").trim();
        HttpResponse<String> wrongRole = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ingest))
                .header("Content-Type", "application/yaml").header("Authorization", "Bearer " + approver)
                .PUT(HttpRequest.BodyPublishers.ofFile(spec(pipeline))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, wrongRole.statusCode(), wrongRole.body());
    }

    /** A long training cancelled: it stops at a step boundary, keeps its checkpoints, and nothing is evaluated. */
    @Test
    void aCancelledRunStopsItsTrainingAndNothingDownstreamHappens() throws Exception {
        String pipeline = EventFixtures.newPipeline("cancel");
        Path longSpec = folder.resolve(pipeline + "-long.yaml");
        // Never stopped early: the cancel must fall in the training (at 600 rows it stops early within seconds).
        Files.writeString(longSpec, Files.readString(spec(pipeline)).replace("epochs: 5", "epochs: 3000")
                .replace("  checkpointEverySteps: 20", "  checkpointEverySteps: 20\n  earlyStopping: {patience: 0}"));
        try (KafkaConsumer<String, CheckpointWritten> checkpoints = EventExchange.watch(CheckpointWritten.class);
             KafkaConsumer<String, ModelEvaluated> evaluated = EventExchange.watch(ModelEvaluated.class)) {
            String output = cli("publish", write(pipeline, ChurnGenerator.csv(600, 31, ChurnGenerator.Labels.LEARNABLE)).toString(),
                    "--pipeline", pipeline, "--spec", longSpec.toString(), "--test");
            String run = output.lines().filter(l -> l.startsWith("run ")).findFirst().orElseThrow().split("\\s+")[1];
            EventExchange.awaitRecord(checkpoints, r -> run.equals(r.value().getMeta().getRunId()), TIMEOUT);

            String cancelled = cli("cancel", run, "--reason", "e2e: too long", "--test");
            assertTrue(cancelled.contains("is cancelled"), cancelled);
            Path trainerLog = stack.logs().resolve("trainer.log");
            await().atMost(TIMEOUT).until(() -> Files.readString(trainerLog).contains("run " + run + " was cancelled"));
            for (ConsumerRecord<String, CheckpointWritten> record : checkpoints.poll(Duration.ofSeconds(2))) {
                assertTrue(!run.equals(record.value().getMeta().getRunId()) || !record.value().getFinalCheckpoint(),
                        "a cancelled run reached its final checkpoint");
            }
            for (ConsumerRecord<String, ModelEvaluated> record : evaluated.poll(Duration.ofSeconds(2))) {
                assertTrue(!run.equals(record.value().getMeta().getRunId()), "a cancelled run was evaluated");
            }
            assertEquals("cancelled", JSON.readTree(registry("/api/v1/runs/" + run)).path("run").path("status").asText());
        }
    }

    /**
     * What a person sees: the run page opened as the run starts follows it live to its promotion,
     * then its report, its model and the experiment page; screenshots in e2e/target/screenshots.
     * The CLI's publish --follow ends with the dashboard's URLs and an exit code that says how the
     * run ended, and open names both URLs.
     */
    @Test
    void theDashboardFollowsARunLiveToItsReportAndModelAndTheCliPointsAtThem() throws Exception {
        String pipeline = EventFixtures.newPipeline("dashboard");
        Path data = write(pipeline, ChurnGenerator.csv(1500, 3, ChurnGenerator.Labels.LEARNABLE));
        Path screenshots = StackRuntime.findCheckout().resolve("e2e/target/screenshots");
        Process browser = Browser.start(Browser.ready(StackRuntime.findCheckout()), registryUrl(), pipeline,
                screenshots);
        try {
            BufferedReader said = Browser.awaitReady(browser);
            String published = cli("publish", data.toString(), "--pipeline", pipeline, "--spec", spec(pipeline).toString(),
                    "--test");
            String runId = published.lines().filter(l -> l.contains("Dashboard: ")).findFirst()
                    .map(l -> l.substring(l.lastIndexOf('/') + 1)).orElseThrow(() -> new AssertionError(published));
            browser.getOutputStream().write((runId + "\n").getBytes(StandardCharsets.UTF_8));
            browser.getOutputStream().flush();
            StringBuilder output = new StringBuilder();
            for (String line = said.readLine(); line != null; line = said.readLine()) {
                output.append(line).append('\n');
            }
            assertTrue(browser.waitFor(4, TimeUnit.MINUTES), "the browser test did not end: " + output);
            assertEquals(0, browser.exitValue(), "the browser saw: " + output);
            JsonNode seen = JSON.readTree(output.toString().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                    .orElseThrow());
            assertTrue(seen.path("liveRows").asInt() > 0, output.toString());
            for (String page : List.of("run", "report", "model", "experiments", "trace", "pipelines")) {
                assertTrue(Files.size(screenshots.resolve(page + ".png")) > 10_000, page + ".png");
            }

            String open = cli("open", runId, "--test");
            String reportUrl = registryUrl() + "/ui/runs/" + runId + "/report";
            assertTrue(open.contains("Dashboard: " + registryUrl() + "/ui/runs/" + runId) && open.contains(reportUrl), open);
            HttpResponse<String> report = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(reportUrl)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, report.statusCode());
            assertTrue(report.body().contains("PASSED") && report.body().contains("ROC curve"), "the report page");
        } finally {
            browser.destroyForcibly();
        }

        // Every service's meters, and the API documents of the two with a public API.
        Map<String, String> expected = Map.of("ingest", "pipeline_events_out_total{topic=\"datasets.published\"",
                "validate", "pipeline_stage_processing_seconds_count{outcome=\"succeeded\",stage=\"validate\"",
                "features", "pipeline_events_in_total{topic=\"datasets.validated\"",
                "trainer", "pipeline_training_samples_total{model=\"" + pipeline + "\"",
                "evaluator", "pipeline_gate_decisions_total{pipeline=\"" + pipeline + "\",verdict=\"passed\"",
                "registry", "pipeline_events_in_total{topic=\"models.promoted\"");
        for (Map.Entry<String, String> service : expected.entrySet()) {
            String metrics = get(service.getKey(), "/q/metrics");
            assertTrue(metrics.contains(service.getValue()), service.getKey() + " /q/metrics lacks " + service.getValue());
        }
        assertTrue(get("trainer", "/q/metrics").contains("kafka_consumer_fetch_manager_records_lag_max"), "consumer lag");
        assertTrue(get("ingest", "/q/openapi").contains("/api/v1/datasets"));
        assertTrue(get("registry", "/q/openapi").contains("/api/v1/models/{name}/rollback"));
        assertTrue(get("registry", "/q/swagger-ui/").contains("swagger"), "Swagger UI");

        // Followed from the CLI: a dataset whose labels carry no signal ends refused, exit code 3.
        StringWriter out = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter())).execute(
                "publish", write(pipeline + "-noise", ChurnGenerator.csv(400, 7, ChurnGenerator.Labels.RANDOM)).toString(),
                "--pipeline", pipeline, "--follow", "--test");
        assertEquals(3, exit, out::toString);
        assertTrue(out.toString().contains("ModelEvaluated") && out.toString().contains("The gate refused the model")
                && out.toString().contains("Dashboard: " + registryUrl() + "/ui/runs/"), out.toString());
    }

    @Test
    void aSearchWithSuccessiveHalvingPromotesItsWinnerRecordsEveryTrialAndReproduces() throws Exception {
        String pipeline = EventFixtures.newPipeline("search");
        Path searchSpec = folder.resolve(pipeline + "-search.yaml");
        Files.writeString(searchSpec, Files.readString(spec(pipeline)).replace("epochs: 5", "epochs: 4") + """
                search:
                  strategy: random
                  trials: 8
                  metric: val_roc_auc
                  space:
                    learningRate: {min: 0.001, max: 0.2, scale: log}
                    hiddenLayers: [[8], [24, 12], [32]]     # never the model block's [16, 8]
                    batchSize: [32, 64]
                  scheduler: {type: successiveHalving, minEpochs: 1, reductionFactor: 2}
                """);
        Path data = write(pipeline, ChurnGenerator.csv(1000, 3, ChurnGenerator.Labels.LEARNABLE));
        try (KafkaConsumer<String, ModelPromoted> promoted = EventExchange.watch(ModelPromoted.class)) {
            cli("publish", data.toString(), "--pipeline", pipeline, "--spec", searchSpec.toString(), "--test");
            ModelPromoted v1 = EventExchange.awaitRecord(promoted, r -> pipeline.equals(r.key()), TIMEOUT).value();
            String runId = v1.getMeta().getRunId();
            awaitRunStatus(runId, "promoted");
            JsonNode timeline = JSON.readTree(registry("/api/v1/runs/" + runId)).path("timeline");
            long evaluations = 0;
            for (JsonNode entry : timeline) {
                evaluations += entry.path("topic").asText().equals(Topic.Names.MODELS_EVALUATED) ? 1 : 0;
            }
            assertEquals(1, evaluations, "one ModelEvaluated for the whole search");

            JsonNode trials = JSON.readTree(registry("/api/v1/pipelines/" + pipeline + "/training-runs?run=" + runId));
            assertEquals(8, trials.size(), trials.toString());
            List<JsonNode> winners = new ArrayList<>();
            Map<String, Integer> statuses = new java.util.TreeMap<>();
            for (JsonNode trial : trials) {
                statuses.merge(trial.path("status").asText(), 1, Integer::sum);
                if (trial.path("winner").asBoolean()) {
                    winners.add(trial);
                }
                if (trial.path("status").asText().equals("halved")) {
                    assertTrue(Set.of(1, 2).contains(trial.path("lastEpoch").asInt()), "halved at a rung: " + trial);
                }
            }
            assertEquals(6, statuses.getOrDefault("halved", 0), "8 -> 4 -> 2 -> 1: " + statuses);
            assertEquals(1, winners.size());
            JsonNode winner = winners.getFirst();
            assertTrue(v1.getArtifactUri().contains("/" + winner.path("trainingRunId").asText() + "/"),
                    "the promoted model is the winner's: " + v1.getArtifactUri());
            assertTrue(winner.path("hyperparameters").has("learningRate"), winner.toString());

            String experiments = cli("experiments", pipeline, "--test");
            assertTrue(experiments.contains("8 training runs, 1 searches"), experiments);
            String info = cli("run-info", winner.path("trainingRunId").asText(), "--test");
            assertTrue(info.contains("code version") && info.contains("engine") && info.contains("val_roc_auc"), info);
            String reproduced = cli("reproduce", winner.path("trainingRunId").asText(), "--test");
            assertTrue(reproduced.contains("winning trial: " + winner.path("trial").asInt() + " then, "
                    + winner.path("trial").asInt() + " now"), reproduced);
            assertTrue(reproduced.contains("reproduced: the same"), reproduced);
            String reproduction = reproduced.substring(reproduced.indexOf(" as run ") + 8).split(";")[0];
            awaitRunStatus(reproduction, "reproduced");
            assertEquals(1, JSON.readTree(registry("/api/v1/models/" + pipeline + "/versions")).size(),
                    "a reproduction registers no model version");
        }
    }

    /** A service's answer to a GET, which must be 200. */
    private static String get(String service, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://"
                + StackConfig.LOOPBACK + ":" + stack.services().port(service) + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), service + path);
        return response.body();
    }

    /**
     * Every event of the run, read from the topics as any Kafka client would, carries a W3C
     * traceparent of one trace, from the publish to ModelPromoted; the registry keeps that trace's
     * spans, from each of the six services, and the run page draws them.
     */
    private static void assertTheRunIsOneTraceAcrossTheSixServices(String pipeline, String runId) throws Exception {
        Map<String, String> traceIdByEvent = new java.util.TreeMap<>();
        Set<String> topics = new HashSet<>();
        for (E2eRuns.RunEvent event : E2eRuns.eventsOfRun(E2eRuns.eventsOf(stack, pipeline), runId)) {
            traceIdByEvent.put(event.topic() + "@" + event.offset(), traceIdOf(event.record()));
            topics.add(event.topic());
        }
        assertTrue(topics.containsAll(Set.of(Topic.DATASETS_PUBLISHED.topicName(), Topic.DATASETS_VALIDATED.topicName(),
                Topic.FEATURES_READY.topicName(), Topic.CHECKPOINTS_WRITTEN.topicName(), Topic.MODELS_EVALUATED.topicName(),
                Topic.MODELS_PROMOTED.topicName())), "the run's events: " + topics);
        Set<String> traceIds = new HashSet<>(traceIdByEvent.values());
        assertEquals(1, traceIds.size(), "one trace id on every event of the run: " + traceIdByEvent);
        String traceId = traceIds.iterator().next();
        assertTrue(traceId.matches("[0-9a-f]{32}") && !traceId.matches("0+"), "a real trace id: " + traceId);

        Set<String> services = Set.of("ingest", "validate", "features", "trainer", "evaluator", "registry");
        JsonNode trace = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> JSON.readTree(registry("/api/v1/runs/" + runId + "/trace")), t -> {
                    Set<String> from = new HashSet<>();
                    t.path("spans").forEach(span -> from.add(span.path("service").asText()));
                    return from.containsAll(services);
                });
        assertEquals(List.of(traceId), JSON.convertValue(trace.path("traceIds"), List.class),
                "the registry's spans are of the events' one trace");
        String page = registry("/ui/runs/" + runId);
        assertTrue(page.contains("id=\"waterfall\"") && page.contains(traceId), "the run page draws the trace");
    }

    /** The trace id of a record's W3C traceparent header (version-traceid-spanid-flags), or what the header says instead. */
    private static String traceIdOf(ConsumerRecord<?, ?> record) {
        String traceparent = EventClients.header(record, "traceparent").orElse("no traceparent");
        String[] parts = traceparent.split("-");
        return parts.length == 4 ? parts[1] : traceparent;
    }

    // The scenarios' vocabulary, for this class's stack and folder (E2eRuns).
    private static String cli(String... args) {
        return E2eRuns.cli(args);
    }

    private static Path write(String name, String csv) throws Exception {
        return E2eRuns.write(folder, name, csv);
    }

    private static Path spec(String pipeline) throws Exception {
        return E2eRuns.spec(folder, pipeline, "");
    }

    private static Path spec(String pipeline, String more) throws Exception {
        return E2eRuns.spec(folder, pipeline, more);
    }

    private static String publish(String pipeline, String csv) {
        return E2eRuns.publish(folder, pipeline, csv);
    }

    private static List<String> objectsUnder(String bucket, String prefix) throws Exception {
        return E2eRuns.objectsUnder(stack, bucket, prefix);
    }

    private static String registryUrl() {
        return E2eRuns.registryUrl(stack);
    }

    private static String registry(String path) throws Exception {
        return E2eRuns.registry(stack, path);
    }

    private static boolean inProduction(String pipeline) throws Exception {
        return E2eRuns.inProduction(stack, pipeline);
    }

    private static void awaitRunStatus(String runId, String status) {
        E2eRuns.awaitRunStatus(stack, runId, Set.of(status));
    }

    private static void awaitRunStatus(String runId, Set<String> statuses) {
        E2eRuns.awaitRunStatus(stack, runId, statuses);
    }
}

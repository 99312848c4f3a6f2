package ml.pipeline.e2e;

import static ml.pipeline.e2e.E2eRuns.TIMEOUT;
import static ml.pipeline.e2e.E2eRuns.cli;
import static ml.pipeline.e2e.E2eRuns.json;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import ml.pipeline.cli.demo.ChurnGenerator;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.LocalServices;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackRuntime;
import ml.pipeline.testing.EventExchange;
import ml.pipeline.testing.EventFixtures;
import ml.pipeline.testing.SharedTestStack;
import ml.pipeline.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each of the six services killed with SIGKILL in the middle of a run, while it holds work, and
 * started again: the run completes with exactly one model version and one promotion, and every
 * event of the run is on its topic once and in the registry's timeline. Two trainers run: the one
 * killed mid-training is replaced by the other, which resumes from the last checkpoint. The
 * outcomes are written to e2e/target/fault-tests.md.
 */
class FaultToleranceTest {
    /** The stages' hold (a fault-test setting): long enough for the kill to fall inside it for certain. */
    private static final Map<String, String> HOLD = Map.of("pipeline.stage.hold-before-work", "300s");
    private static final Map<String, String> OUTCOMES = new TreeMap<>();
    private static StackConfig stack;
    private static LocalServices services;

    @TempDir
    static Path folder;

    @BeforeAll
    static void startServices() {
        stack = SharedTestStack.ensureRunning();
        services = E2eRuns.services(stack, Map.of("trainer", 2));
        services.up();
    }

    @AfterAll
    static void stopServices() throws IOException {
        services.down();
        StringBuilder table = new StringBuilder("| service | when killed | outcome |\n|---|---|---|\n");
        OUTCOMES.forEach((service, row) -> table.append("| ").append(service).append(" | ").append(row).append(" |\n"));
        Path file = StackRuntime.findCheckout().resolve("e2e/target/fault-tests.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, table);
        System.out.println(table);
    }

    /** Ingest killed while an upload streams in: nothing of it is stored or announced; the same publish again runs once. */
    @Test
    void ingestKilledMidUploadLeavesNothingAndThePublishAgainRunsOnce() throws Exception {
        String pipeline = EventFixtures.newPipeline("fault-ingest");
        Path spec = E2eRuns.spec(folder, pipeline, "");
        E2eRuns.putSpec(stack, pipeline, spec);
        byte[] csv = ChurnGenerator.csv(800, 41, ChurnGenerator.Labels.LEARNABLE).getBytes(StandardCharsets.UTF_8);
        HalfThenStall body = new HalfThenStall(multipart(pipeline, csv));
        CompletableFuture<HttpResponse<String>> upload = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                        URI.create(serviceUrl("ingest") + "/api/v1/datasets"))
                        .header("Authorization", "Bearer " + TestTokens.publisher())
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(60)).until(() -> body.sent() >= body.half());

        services.processes().kill("ingest");
        body.release();
        try {
            HttpResponse<String> answer = upload.get(60, TimeUnit.SECONDS);
            throw new AssertionError("the upload was answered although ingest was killed: " + answer.statusCode() + " " + answer.body());
        } catch (ExecutionException expected) {
            // the connection died with ingest
        }
        services.up();
        assertTrue(E2eRuns.eventsOf(stack, pipeline).isEmpty(), "the killed upload announced nothing");
        assertTrue(E2eRuns.objectsUnder(stack, "datasets", pipeline + "/").isEmpty(), "the killed upload stored nothing");

        Path file = folder.resolve(pipeline + ".csv");
        Files.write(file, csv);
        String run = runOf(cli("publish", file.toString(), "--pipeline", pipeline, "--test"));
        OUTCOMES.put("ingest", "mid-upload (half the body sent) | " + assertCompletedOnce(pipeline, run)
                + "; the killed upload stored and announced nothing");
    }

    /** A stage killed while it holds the run's event, taken and not yet acknowledged: after the restart it is done once. */
    @ParameterizedTest
    @ValueSource(strings = {"validate", "features", "evaluator"})
    void aStageKilledWhileItHoldsTheRunsEventDoesItOnceAfterTheRestart(String service) throws Exception {
        String pipeline = EventFixtures.newPipeline("fault-" + service);
        services.processes().stop(List.of(service));
        services.startWith(service, HOLD);
        String run;
        try {
            run = publishNew(pipeline, 800, 42);
            Path log = services.processes().logOf(service);
            await().atMost(TIMEOUT).until(() -> Files.readString(log).contains("run " + run + ": event "));
            services.processes().kill(service);
        } finally {
            services.up(); // without the hold
        }
        OUTCOMES.put(service, "holding the run's event, unacknowledged | " + assertCompletedOnce(pipeline, run));
    }

    /**
     * The trainer training the run is killed after a checkpoint; the other trainer takes its
     * partitions and resumes from the newest checkpoint instead of from the start.
     */
    @Test
    void aTrainerKilledMidTrainingIsResumedByTheOtherFromItsLastCheckpoint() throws Exception {
        String pipeline = EventFixtures.newPipeline("fault-trainer");
        String run;
        String killed;
        long lastStepBefore;
        try (KafkaConsumer<String, CheckpointWritten> checkpoints = EventExchange.watch(CheckpointWritten.class)) {
            // Long enough to be killed in the middle: 20 epochs, a checkpoint every 20 steps, never stopped early.
            Path spec = E2eRuns.spec(folder, pipeline, "").toAbsolutePath();
            Files.writeString(spec, Files.readString(spec).replace("epochs: 5", "epochs: 20")
                    .replace("  checkpointEverySteps: 20", "  checkpointEverySteps: 20\n  earlyStopping: {patience: 0}"));
            Path data = E2eRuns.write(folder, pipeline, ChurnGenerator.csv(4000, 43, ChurnGenerator.Labels.LEARNABLE));
            run = runOf(cli("publish", data.toString(), "--pipeline", pipeline, "--spec", spec.toString(), "--test"));
            ConsumerRecord<String, CheckpointWritten> first = EventExchange.awaitRecord(checkpoints,
                    r -> run.equals(r.value().getMeta().getRunId()), TIMEOUT);
            killed = trainerOf(run);
            services.processes().kill(killed);
            lastStepBefore = first.value().getStep();
            for (ConsumerRecord<String, CheckpointWritten> more : checkpoints.poll(Duration.ofMillis(200))) {
                if (run.equals(more.value().getMeta().getRunId())) {
                    lastStepBefore = Math.max(lastStepBefore, more.value().getStep());
                }
            }
            assertTrue(!first.value().getFinalCheckpoint(), "killed before its end");
        }
        String survivor = killed.equals("trainer") ? "trainer-2" : "trainer";
        Path survivorLog = services.processes().logOf(survivor);
        String resumed = await().atMost(TIMEOUT).until(() -> Files.readAllLines(survivorLog).stream()
                .filter(l -> l.contains("of run " + run + ": resumed from its checkpoint at step ")).findFirst().orElse(""),
                line -> !line.isEmpty());
        long resumedAt = Long.parseLong(resumed.replaceAll(".* at step ([0-9]+).*", "$1"));
        assertTrue(resumedAt >= lastStepBefore, "resumed at step " + resumedAt + ", not before the last announced " + lastStepBefore);
        services.up(); // the killed trainer again
        OUTCOMES.put("trainer", "mid-training, after the checkpoint of step " + lastStepBefore + " (" + killed + " of 2) | "
                + survivor + " resumed at step " + resumedAt + "; " + assertCompletedOnce(pipeline, run,
                Set.of(Topic.CHECKPOINTS_WRITTEN.topicName(), Topic.MODELS_EVALUATED.topicName())));
    }

    /** The registry killed with a promotion committed and its announcement owed: announced once after the restart. */
    @Test
    void aRegistryKilledWithAPromotionOwedAnnouncesItOnceAfterTheRestart() throws Exception {
        String pipeline = EventFixtures.newPipeline("fault-registry");
        services.processes().stop(List.of("registry"));
        services.startWith("registry", Map.of("pipeline.registry.outbox.announce-delay", "300s",
                "pipeline.registry.outbox.grace", "1h"));
        String run;
        try {
            run = publishNew(pipeline, 800, 44);
            await().atMost(TIMEOUT).until(() -> E2eRuns.inProduction(stack, pipeline));
            services.processes().kill("registry");
        } finally {
            services.up(); // normal settings: the relay sends what is owed
        }
        OUTCOMES.put("registry", "promotion committed, its ModelPromoted not yet sent | " + assertCompletedOnce(pipeline, run));
    }

    private static String assertCompletedOnce(String pipeline, String run) throws Exception {
        return assertCompletedOnce(pipeline, run, Set.of());
    }

    /**
     * The run ends promoted with one model version; each of its events is on its topic exactly once
     * (checkpoints: one final), ModelPromoted always, and every one of them is in the registry's
     * timeline. Those of {@code mayRepeat} may come more than once: a kill's redelivery (after a
     * rebalance, a finished training is announced again and evaluated again) is at-least-once by
     * design, and what must hold then is one version and one promotion. Returns the outcome for the table.
     */
    private static String assertCompletedOnce(String pipeline, String run, Set<String> mayRepeat) throws Exception {
        E2eRuns.awaitRunStatus(stack, run, Set.of("promoted"));
        Set<String> once = Set.of(Topic.DATASETS_PUBLISHED.topicName(), Topic.DATASETS_VALIDATED.topicName(),
                Topic.FEATURES_READY.topicName(), Topic.MODELS_EVALUATED.topicName(), Topic.MODELS_PROMOTED.topicName());
        List<E2eRuns.RunEvent> events = await().atMost(TIMEOUT)
                .until(() -> E2eRuns.eventsOfRun(E2eRuns.eventsOf(stack, pipeline), run),
                        found -> found.stream().map(E2eRuns.RunEvent::topic).collect(java.util.stream.Collectors.toSet()).containsAll(once));
        Map<String, Integer> counts = new TreeMap<>();
        events.forEach(e -> counts.merge(e.topic(), 1, Integer::sum));
        for (String topic : once) {
            if (mayRepeat.contains(topic)) {
                assertTrue(counts.get(topic) >= 1, topic + " for run " + run + ": " + counts);
            } else {
                assertEquals(1, counts.get(topic), topic + " once for run " + run + ": " + counts);
            }
        }
        long finals = events.stream().filter(e -> e.topic().equals(Topic.CHECKPOINTS_WRITTEN.topicName()))
                .filter(e -> Boolean.TRUE.equals(e.event().get("finalCheckpoint"))).count();
        if (mayRepeat.contains(Topic.CHECKPOINTS_WRITTEN.topicName())) {
            assertTrue(finals >= 1, "a final checkpoint: " + counts);
        } else {
            assertEquals(1, finals, "one final checkpoint: " + counts);
        }
        assertEquals(1, json(E2eRuns.registry(stack, "/api/v1/models/" + pipeline + "/versions")).size(), "one model version");
        String timeline = await().atMost(Duration.ofSeconds(60)).until(() -> E2eRuns.registry(stack, "/api/v1/runs/" + run),
                text -> events.stream().allMatch(e -> text.contains(e.eventId())));
        assertTrue(!timeline.isEmpty());
        return "promoted, 1 version, events " + counts + ", all " + events.size() + " in the registry's timeline";
    }

    /** Which trainer instance trains the run: the one whose log names it. */
    private static String trainerOf(String run) throws IOException {
        for (String trainer : List.of("trainer", "trainer-2")) {
            if (Files.readString(services.processes().logOf(trainer)).contains("of run " + run + ": ")) {
                return trainer;
            }
        }
        throw new AssertionError("no trainer's log names run " + run);
    }

    private static String publishNew(String pipeline, int rows, long seed) throws Exception {
        Path data = E2eRuns.write(folder, pipeline, ChurnGenerator.csv(rows, seed, ChurnGenerator.Labels.LEARNABLE));
        return runOf(cli("publish", data.toString(), "--pipeline", pipeline, "--spec", E2eRuns.spec(folder, pipeline, "").toString(),
                "--test"));
    }

    private static String runOf(String publishOutput) {
        return publishOutput.lines().filter(l -> l.startsWith("run ")).findFirst()
                .orElseThrow(() -> new AssertionError("no run started: " + publishOutput)).split("\\s+")[1];
    }

    private static String serviceUrl(String service) {
        return "http://" + StackConfig.LOOPBACK + ":" + stack.services().port(service);
    }

    private static final String BOUNDARY = "fault-" + UUID.randomUUID();

    private static byte[] multipart(String pipeline, byte[] csv) {
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"pipeline\"\r\n\r\n" + pipeline + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n";
        String tail = "\r\n--" + BOUNDARY + "--\r\n";
        byte[] bytes = new byte[head.length() + csv.length + tail.length()];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, head.length());
        System.arraycopy(csv, 0, bytes, head.length(), csv.length);
        System.arraycopy(tail.getBytes(StandardCharsets.US_ASCII), 0, bytes, head.length() + csv.length, tail.length());
        return bytes;
    }

    /** A request body that sends its first half, then stalls until released, then breaks. */
    private static final class HalfThenStall extends InputStream {
        private final byte[] bytes;
        private final AtomicLong sent = new AtomicLong();
        private final CountDownLatch released = new CountDownLatch(1);

        HalfThenStall(byte[] bytes) {
            this.bytes = bytes;
        }

        long half() {
            return bytes.length / 2;
        }

        long sent() {
            return sent.get();
        }

        void release() {
            released.countDown();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            long at = sent.get();
            if (at >= half()) {
                try {
                    released.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("the upload was cut off (the test killed ingest)");
            }
            int n = (int) Math.min(length, half() - at);
            System.arraycopy(bytes, (int) at, into, offset, n);
            sent.addAndGet(n);
            return n;
        }
    }
}

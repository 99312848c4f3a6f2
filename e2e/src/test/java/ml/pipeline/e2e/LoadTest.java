package ml.pipeline.e2e;

import static ml.pipeline.e2e.E2eRuns.TIMEOUT;
import static ml.pipeline.e2e.E2eRuns.cli;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import ml.pipeline.cli.demo.ChurnGenerator;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.ComponentStatus;
import ml.pipeline.stack.LocalServices;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackRuntime;
import ml.pipeline.testing.EventFixtures;
import ml.pipeline.testing.SharedTestStack;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100 datasets over 10 pipelines published at once, with two trainers and two evaluators: every
 * run reaches a terminal status, none is lost, and the gate holds under the concurrency: each
 * promotion replaced exactly the version its candidate was compared with, and no model trained on
 * labels without signal reached production. Wall time and each service's peak memory go to
 * e2e/target/load-test.md.
 */
class LoadTest {
    private static final int PIPELINES = 10;
    private static final int DATASETS_PER_PIPELINE = 10;
    /** Of each pipeline's datasets, those whose labels carry no signal: the gate must refuse them. */
    private static final int NOISE_PER_PIPELINE = 2;
    private static final Set<String> TERMINAL = Set.of("promoted", "refused", "rejected", "failed", "cancelled");
    private static StackConfig stack;
    private static LocalServices services;

    @TempDir
    static Path folder;

    @BeforeAll
    static void startServices() {
        stack = SharedTestStack.ensureRunning();
        services = E2eRuns.services(stack, Map.of("trainer", 2, "evaluator", 2));
        services.up();
    }

    @AfterAll
    static void stopServices() {
        services.down();
    }

    @Test
    void aHundredDatasetsOverTenPipelinesAtOnceAllEndAndTheGateHolds() throws Exception {
        List<String> pipelines = new ArrayList<>();
        for (int p = 0; p < PIPELINES; p++) {
            String pipeline = EventFixtures.newPipeline("load-" + p);
            pipelines.add(pipeline);
            // The spec stored first: the load is the 100 publishes after it.
            E2eRuns.putSpec(stack, pipeline, E2eRuns.spec(folder, pipeline, ""));
        }
        Map<String, String> runs = new ConcurrentHashMap<>(); // run id -> pipeline
        Set<String> noisyRuns = ConcurrentHashMap.newKeySet();
        List<Path> files = new ArrayList<>();
        for (int p = 0; p < PIPELINES; p++) {
            for (int d = 0; d < DATASETS_PER_PIPELINE; d++) {
                boolean noise = d >= DATASETS_PER_PIPELINE - NOISE_PER_PIPELINE;
                files.add(E2eRuns.write(folder, pipelines.get(p) + "-" + d + (noise ? "-noise" : ""),
                        ChurnGenerator.csv(300, 1000L * p + d, noise ? ChurnGenerator.Labels.RANDOM : ChurnGenerator.Labels.LEARNABLE)));
            }
        }
        long started = System.nanoTime();
        ExecutorService publishers = Executors.newFixedThreadPool(20);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Path file : files) {
                String pipeline = pipelines.stream().filter(p -> file.getFileName().toString().startsWith(p + "-")).findFirst().orElseThrow();
                sent.add(publishers.submit(() -> {
                    String output = cli("publish", file.toString(), "--pipeline", pipeline, "--test");
                    String run = output.lines().filter(l -> l.startsWith("run ")).findFirst()
                            .orElseThrow(() -> new AssertionError("no run started for " + file + ": " + output)).split("\\s+")[1];
                    runs.put(run, pipeline);
                    if (file.getFileName().toString().contains("-noise")) {
                        noisyRuns.add(run);
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            publishers.shutdown();
        }
        assertEquals(PIPELINES * DATASETS_PER_PIPELINE, runs.size(), "one run per dataset");

        Map<String, String> statuses = new ConcurrentHashMap<>();
        await().atMost(TIMEOUT.multipliedBy(4)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            for (String run : runs.keySet()) {
                if (!TERMINAL.contains(statuses.getOrDefault(run, ""))) {
                    statuses.put(run, E2eRuns.runStatus(stack, run));
                }
            }
            return statuses.values().stream().allMatch(TERMINAL::contains);
        });
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        Map<String, Long> byStatus = new TreeMap<>(statuses.values().stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting())));
        assertTrue(!byStatus.containsKey("failed") && !byStatus.containsKey("rejected"), "no run failed or was rejected: " + byStatus);

        int promotions = 0;
        for (String pipeline : pipelines) {
            promotions += assertTheGateHeld(pipeline, runs, noisyRuns);
        }
        Map<String, Long> peakMemory = peakResidentMemory();
        String report = String.format("""
                | figure | value |
                |---|---|
                | datasets published at once | %d over %d pipelines (%d with labels of no signal) |
                | wall time, first publish to the last run's terminal status | %.1f s |
                | run statuses | %s |
                | promotions (each replaced the version its candidate was compared with) | %d |
                | peak resident memory (VmHWM) per service | %s |
                """, runs.size(), PIPELINES, PIPELINES * NOISE_PER_PIPELINE, wallSeconds, byStatus, promotions,
                peakMemory.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() / (1 << 20) + " MB")
                        .collect(Collectors.joining(", ")));
        Path file = StackRuntime.findCheckout().resolve("e2e/target/load-test.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.println(report);
    }

    /**
     * The pipeline's promotions, in the order Kafka holds them (one partition per pipeline): each
     * names as previous version the one promoted before it, its run's last evaluation passed and was
     * compared with exactly that version, and no run of noise was promoted. Returns how many.
     */
    private static int assertTheGateHeld(String pipeline, Map<String, String> runs, Set<String> noisyRuns) {
        List<E2eRuns.RunEvent> events = E2eRuns.eventsOf(stack, pipeline);
        List<E2eRuns.RunEvent> promoted = events.stream()
                .filter(e -> e.topic().equals(Topic.MODELS_PROMOTED.topicName()))
                .filter(e -> "production".equals(String.valueOf(e.event().get("stage"))))
                .sorted(Comparator.comparingLong(E2eRuns.RunEvent::offset)).toList();
        assertTrue(!promoted.isEmpty(), pipeline + ": something was promoted");
        Integer previous = null;
        Set<Integer> versions = new HashSet<>();
        for (E2eRuns.RunEvent promotion : promoted) {
            String run = runOf(promotion.event());
            int version = (Integer) promotion.event().get("version");
            assertTrue(versions.add(version), pipeline + ": version " + version + " promoted twice");
            assertTrue(runs.containsKey(run), pipeline + ": promoted by a run of this test");
            assertTrue(!noisyRuns.contains(run), pipeline + ": a model of labels without signal reached production (run " + run + ")");
            assertEquals(previous, promotion.event().get("previousVersion"), pipeline + ": version " + version
                    + " replaced the version promoted before it");
            E2eRuns.RunEvent evaluation = events.stream()
                    .filter(e -> e.topic().equals(Topic.MODELS_EVALUATED.topicName()) && run.equals(runOf(e.event())))
                    .max(Comparator.comparingLong(E2eRuns.RunEvent::offset)).orElse(null);
            assertNotNull(evaluation, pipeline + ": run " + run + " was promoted with no evaluation");
            assertEquals(Boolean.TRUE, evaluation.event().get("passed"), pipeline + ": run " + run + " promoted without passing");
            Object baseline = evaluation.event().get("baseline");
            Integer comparedWith = baseline == null ? null : (Integer) ((GenericRecord) baseline).get("version");
            assertEquals(previous, comparedWith, pipeline + ": version " + version + " was compared with version " + comparedWith
                    + " but replaced " + previous);
            previous = version;
        }
        return promoted.size();
    }

    private static String runOf(GenericRecord event) {
        return String.valueOf(((GenericRecord) event.get("meta")).get("runId"));
    }

    /** Each service instance's peak resident memory so far (VmHWM in /proc), in bytes. */
    private static Map<String, Long> peakResidentMemory() throws Exception {
        Map<String, Long> peaks = new TreeMap<>();
        for (ComponentStatus status : services.processes().status()) {
            if (status.pid().isEmpty()) {
                continue;
            }
            Path proc = Path.of("/proc", String.valueOf(status.pid().get()), "status");
            if (Files.isReadable(proc)) {
                Files.readAllLines(proc).stream().filter(l -> l.startsWith("VmHWM:")).findFirst()
                        .ifPresent(l -> peaks.put(status.name(), Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024));
            }
        }
        return peaks;
    }
}

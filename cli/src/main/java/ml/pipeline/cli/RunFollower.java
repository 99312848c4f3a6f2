package ml.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.kafka.KafkaConsumers;
import ml.pipeline.stack.kafka.WireFormatDecoder;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Follows one run live, event by event, from every topic, to how it ends, then prints where the
 * dashboard shows it: what {@code demo} and {@code publish --follow} print. Opened before the
 * publish, so that no event of the run is missed.
 */
final class RunFollower implements AutoCloseable {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration PROMOTION_GRACE = Duration.ofSeconds(15);

    /** How a run ended, and the exit code {@code publish --follow} gives for it. */
    enum Ending {
        PROMOTED(0), REGISTERED_BEFORE(0), AWAITS_PROMOTION(0), REFUSED(3), REJECTED(2), FAILED(4), CANCELLED(5);

        private final int exitCode;

        Ending(int exitCode) {
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    private final StackConfig config;
    private final PrintWriter out;
    private final KafkaConsumer<String, byte[]> events;
    private final WireFormatDecoder decoder;

    private RunFollower(StackConfig config, PrintWriter out) {
        this.config = config;
        this.out = out;
        this.events = KafkaConsumers.raw(config);
        KafkaConsumers.assign(events, Topic.allTopicNames(), KafkaConsumers.From.END);
        this.decoder = new WireFormatDecoder(config.schemaRegistry().ccompatUrl());
    }

    /** Listening from now on, before anything is published. */
    static RunFollower listening(StackConfig config, PrintWriter out) {
        return new RunFollower(config, out);
    }

    /** Prints the run's events as they come until it ends; {@code start}: when it was published (System.nanoTime). */
    Ending follow(String runId, long start) throws IOException, InterruptedException {
        Ending ending = followToEnd(runId, start);
        printLinks(runId, ending);
        return ending;
    }

    /** The run's dashboard page and, once evaluated, its report, as served by the registry. */
    static String dashboardUrl(StackConfig config, String runId) {
        return RegistryClient.baseUrl(config) + "/ui/runs/" + runId;
    }

    static String reportUrl(StackConfig config, String runId) {
        return dashboardUrl(config, runId) + "/report";
    }

    private void printLinks(String runId, Ending ending) {
        out.println();
        out.println("Dashboard: " + dashboardUrl(config, runId));
        if (ending != Ending.REJECTED && ending != Ending.FAILED && ending != Ending.CANCELLED) {
            out.println("Report:    " + reportUrl(config, runId));
        }
        out.flush();
    }

    private Ending followToEnd(String runId, long start) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        long evaluatedAt = 0;
        GenericRecord evaluation = null;
        Long featuresAt = null;
        Long finalCheckpointAt = null;
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofMillis(200))) {
                Optional<GenericRecord> decoded = decoder.decode(record.value());
                if (decoded.isEmpty() || !runId.equals(field(decoded.get(), "meta", "runId"))) {
                    continue;
                }
                GenericRecord event = decoded.get();
                long occurred = (Long) ((GenericRecord) event.get("meta")).get("occurredAt");
                out.printf("  [%6.2fs] %-10s %-19s %s%n", (System.nanoTime() - start) / 1e9,
                        field(event, "meta", "producer"), event.getSchema().getName(), DemoSummaries.of(event));
                out.flush();
                switch (record.topic()) {
                    case Topic.Names.FEATURES_READY -> featuresAt = occurred;
                    case Topic.Names.CHECKPOINTS_WRITTEN -> {
                        if (Boolean.TRUE.equals(event.get("finalCheckpoint"))) {
                            finalCheckpointAt = occurred;
                        }
                    }
                    case Topic.Names.MODELS_PROMOTED -> {
                        printPromoted(event, runId, start, featuresAt, finalCheckpointAt);
                        return Ending.PROMOTED;
                    }
                    case Topic.Names.MODELS_EVALUATED -> {
                        if (!Boolean.TRUE.equals(event.get("passed"))) {
                            out.println("The gate refused the model: production is unchanged. Failed checks:");
                            DemoSummaries.failedChecks(event).forEach(check -> out.println("  - " + check));
                            return Ending.REFUSED;
                        }
                        evaluation = event;
                        evaluatedAt = System.nanoTime();
                    }
                    case Topic.Names.EVALUATIONS_REQUESTED -> evaluation = null; // production moved: a new verdict comes
                    case Topic.Names.DATASETS_REJECTED -> {
                        out.println("The dataset was rejected; nothing was trained. Reasons:");
                        DemoSummaries.reasons(event).forEach(reason -> out.println("  - " + reason));
                        return Ending.REJECTED;
                    }
                    case Topic.Names.PIPELINE_FAILURES -> {
                        out.println("A stage failed: see ./pipeline services logs " + field(event, "stage"));
                        return Ending.FAILED;
                    }
                    case Topic.Names.RUNS_CANCELLED -> {
                        out.println("The run was cancelled: nothing downstream runs.");
                        return Ending.CANCELLED;
                    }
                    default -> { }
                }
            }
            if (evaluation != null && (registeredBefore(evaluation, runId)
                    || System.nanoTime() - evaluatedAt > PROMOTION_GRACE.toNanos())) {
                return printAlreadyRegistered(evaluation);
            }
        }
        throw new CliException("the run did not finish within " + RUN_TIMEOUT.toMinutes() + " minutes: see ./pipeline services logs");
    }

    private void printPromoted(GenericRecord promoted, String runId, long start, Long featuresAt, Long finalCheckpointAt)
            throws IOException, InterruptedException {
        double wall = (System.nanoTime() - start) / 1e9;
        out.println();
        out.printf("Promoted %s version %s to %s (previous: %s) in %.2f s from publish", promoted.get("modelName"),
                promoted.get("version"), promoted.get("stage"),
                promoted.get("previousVersion") == null ? "none" : promoted.get("previousVersion"), wall);
        if (featuresAt != null && finalCheckpointAt != null) {
            out.printf(", of which training %.2f s", (finalCheckpointAt - featuresAt) / 1000.0);
        }
        out.println(".");
        out.println("Metrics on the holdout: " + promoted.get("metrics"));
        out.println("Artifact: " + promoted.get("artifactUri"));
        JsonNode run = registry("/api/v1/runs/" + runId);
        out.println("Lineage:");
        run.path("lineage").fields().forEachRemaining(entry -> out.printf("  %-17s %s%n", entry.getKey(), entry.getValue().asText()));
    }

    /**
     * The registry has recorded this run's evaluation, and the candidate's training run is a version
     * another run registered: no ModelPromoted will come for this run.
     */
    private boolean registeredBefore(GenericRecord evaluation, String runId) throws IOException, InterruptedException {
        if (!"evaluated".equals(registry("/api/v1/runs/" + runId).path("run").path("status").asText())) {
            return false;
        }
        String trainingRun = field(evaluation, "candidate", "trainingRunId");
        for (JsonNode version : registry("/api/v1/models/" + field(evaluation, "candidate", "name") + "/versions")) {
            if (trainingRun.equals(version.path("trainingRunId").asText())) {
                return !runId.equals(version.path("runId").asText());
            }
        }
        return false;
    }

    private Ending printAlreadyRegistered(GenericRecord evaluation) throws IOException, InterruptedException {
        String model = field(evaluation, "candidate", "name");
        String trainingRun = field(evaluation, "candidate", "trainingRunId");
        for (JsonNode version : registry("/api/v1/models/" + model + "/versions")) {
            if (trainingRun.equals(version.path("trainingRunId").asText())) {
                out.println();
                out.printf("Nothing new: this data and spec were trained on before (training run %s), registered as %s"
                        + " version %d, now %s. No model was trained or promoted again.%n", trainingRun, model,
                        version.path("version").asInt(), version.path("stage").asText());
                return Ending.REGISTERED_BEFORE;
            }
        }
        out.println("The model passed its gate and awaits promotion (the spec's policy is manual).");
        return Ending.AWAITS_PROMOTION;
    }

    private JsonNode registry(String path) throws IOException, InterruptedException {
        return new RegistryClient(config).get(path);
    }

    @Override
    public void close() {
        events.close();
    }

    static String field(GenericRecord record, String... path) {
        Object value = record;
        for (String name : path) {
            value = value == null ? null : ((GenericRecord) value).get(name);
        }
        return value == null ? null : value.toString();
    }
}

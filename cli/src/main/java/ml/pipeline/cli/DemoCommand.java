package ml.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import ml.pipeline.cli.demo.ChurnGenerator;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.LocalServices;
import ml.pipeline.stack.LocalStack;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackRuntime;
import ml.pipeline.stack.kafka.KafkaConsumers;
import ml.pipeline.stack.kafka.WireFormatDecoder;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job: the stack and the six services up, the demo pipeline registered, a generated
 * dataset published, and the run followed live, event by event, to ModelPromoted (or to the
 * stage that stopped it, with its reasons).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start everything, publish the demo dataset (a seeded churn generator, see ChurnGenerator),",
            "follow the run live to ModelPromoted, and print the model, its metrics and its lineage."})
final class DemoCommand implements Callable<Integer> {
    static final String PIPELINE = "churn";
    /** The same seed every time: the same bytes, so a second demo finds its model already trained. */
    static final long SEED = 42;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration PROMOTION_GRACE = Duration.ofSeconds(15);

    @Spec
    CommandSpec spec;

    @Option(names = "--worse", description = "Publish a degraded dataset (labels at random): the gate refuses its model.")
    boolean worse;

    @Option(names = "--rows", defaultValue = "2000", description = "Rows of the generated dataset (default ${DEFAULT-VALUE}).")
    int rows;

    @Mixin
    StackChoice stackChoice;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintStream progress = new PrintStream(System.out, true);
        Path checkout = StackRuntime.findCheckout();
        StackRuntime runtime = StackRuntime.ofCurrentJvm(checkout);
        LocalStack stack = Checkout.stack(stackChoice.testStack, progress);
        stack.up();
        new LocalServices(stack, runtime, progress).up();
        StackConfig config = stack.config();

        Path folder = Files.createDirectories(config.home().resolve("demo"));
        Path data = folder.resolve(worse ? "churn-worse.csv" : "churn.csv");
        ChurnGenerator.Labels labels = worse ? ChurnGenerator.Labels.RANDOM : ChurnGenerator.Labels.LEARNABLE;
        Files.writeString(data, ChurnGenerator.csv(rows, SEED, labels));
        Path specFile = folder.resolve("churn.yaml");
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo/churn.yaml")) {
            Files.write(specFile, in.readAllBytes());
        }
        IngestClient ingest = new IngestClient(config);
        ingest.putSpec(PIPELINE, specFile);
        out.println();
        out.println("Pipeline '" + PIPELINE + "' spec: " + specFile);

        try (KafkaConsumer<String, byte[]> events = followAllTopics(config)) {
            long start = System.nanoTime();
            JsonNode published = ingest.publish(PIPELINE, null, data, false);
            String runId = published.path("runId").asText();
            out.printf("Published %s: %d rows, sha256 %s (%s)%n", data, published.path("rows").asLong(),
                    published.path("datasetVersion").asText().substring(0, 16) + "...",
                    published.path("storedNow").asBoolean() ? "stored now" : "the same bytes were stored before");
            if (PublishAnswers.done(published)) {
                out.println();
                out.println("Nothing new, " + PublishAnswers.describe(published) + ".");
                out.println("This data and spec were run before: no model was trained or promoted again.");
                return 0;
            }
            out.println(PublishAnswers.started(published) ? "Run " + runId + ", live:"
                    : "Run " + runId + " of the same data and spec is going on; following it:");
            out.flush();
            return follow(events, runId, start, new WireFormatDecoder(config.schemaRegistry().ccompatUrl()), config, out);
        }
    }

    private int follow(KafkaConsumer<String, byte[]> events, String runId, long start, WireFormatDecoder decoder,
            StackConfig config, PrintWriter out) throws IOException, InterruptedException {
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
                        printPromoted(event, runId, start, featuresAt, finalCheckpointAt, config, out);
                        return 0;
                    }
                    case Topic.Names.MODELS_EVALUATED -> {
                        if (!Boolean.TRUE.equals(event.get("passed"))) {
                            out.println("The gate refused the model: production is unchanged. Failed checks:");
                            DemoSummaries.failedChecks(event).forEach(check -> out.println("  - " + check));
                            return 0;
                        }
                        evaluation = event;
                        evaluatedAt = System.nanoTime();
                    }
                    case Topic.Names.EVALUATIONS_REQUESTED -> evaluation = null; // production moved: a new verdict comes
                    case Topic.Names.DATASETS_REJECTED -> {
                        out.println("The dataset was rejected; nothing was trained. Reasons:");
                        DemoSummaries.reasons(event).forEach(reason -> out.println("  - " + reason));
                        return 1;
                    }
                    case Topic.Names.PIPELINE_FAILURES -> {
                        out.println("A stage failed: see ./pipeline services logs " + field(event, "stage"));
                        return 1;
                    }
                    default -> { }
                }
            }
            if (evaluation != null && (registeredBefore(evaluation, runId, config)
                    || System.nanoTime() - evaluatedAt > PROMOTION_GRACE.toNanos())) {
                printAlreadyRegistered(evaluation, config, out);
                return 0;
            }
        }
        throw new CliException("the run did not finish within " + RUN_TIMEOUT.toMinutes() + " minutes: see ./pipeline services logs");
    }

    private void printPromoted(GenericRecord promoted, String runId, long start, Long featuresAt, Long finalCheckpointAt,
            StackConfig config, PrintWriter out) throws IOException, InterruptedException {
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
        JsonNode run = registry(config, "/api/v1/runs/" + runId);
        out.println("Lineage:");
        run.path("lineage").fields().forEachRemaining(entry -> out.printf("  %-17s %s%n", entry.getKey(), entry.getValue().asText()));
    }

    /**
     * The registry has recorded this run's evaluation, and the candidate's training run is a version
     * another run registered: no ModelPromoted will come for this run.
     */
    private static boolean registeredBefore(GenericRecord evaluation, String runId, StackConfig config)
            throws IOException, InterruptedException {
        if (!"evaluated".equals(registry(config, "/api/v1/runs/" + runId).path("run").path("status").asText())) {
            return false;
        }
        String trainingRun = field(evaluation, "candidate", "trainingRunId");
        for (JsonNode version : registry(config, "/api/v1/models/" + field(evaluation, "candidate", "name") + "/versions")) {
            if (trainingRun.equals(version.path("trainingRunId").asText())) {
                return !runId.equals(version.path("runId").asText());
            }
        }
        return false;
    }

    private void printAlreadyRegistered(GenericRecord evaluation, StackConfig config, PrintWriter out)
            throws IOException, InterruptedException {
        String model = field(evaluation, "candidate", "name");
        String trainingRun = field(evaluation, "candidate", "trainingRunId");
        for (JsonNode version : registry(config, "/api/v1/models/" + model + "/versions")) {
            if (trainingRun.equals(version.path("trainingRunId").asText())) {
                out.println();
                out.printf("Nothing new: this data and spec were trained on before (training run %s), registered as %s"
                        + " version %d, now %s. No model was trained or promoted again.%n", trainingRun, model,
                        version.path("version").asInt(), version.path("stage").asText());
                return;
            }
        }
        out.println("The model passed its gate and awaits promotion (the spec's policy is manual).");
    }

    private static KafkaConsumer<String, byte[]> followAllTopics(StackConfig config) {
        KafkaConsumer<String, byte[]> consumer = KafkaConsumers.raw(config);
        KafkaConsumers.assign(consumer, Topic.allTopicNames(), KafkaConsumers.From.END);
        return consumer;
    }

    private static JsonNode registry(StackConfig config, String path) throws IOException, InterruptedException {
        return new RegistryClient(config).get(path);
    }

    static String field(GenericRecord record, String... path) {
        Object value = record;
        for (String name : path) {
            value = value == null ? null : ((GenericRecord) value).get(name);
        }
        return value == null ? null : value.toString();
    }
}

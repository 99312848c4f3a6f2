package ml.pipeline.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ml.pipeline.cli.Main;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.LocalServices;
import ml.pipeline.stack.LocalStack;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackRuntime;
import ml.pipeline.stack.kafka.KafkaConsumers;
import ml.pipeline.stack.kafka.WireFormatDecoder;
import ml.pipeline.testing.EventClients;
import ml.pipeline.testing.TestTokens;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * What the e2e scenarios do as a user would: the CLI in-process, the registry's API, the demo's
 * spec for a pipeline of their own, and every event of a run read back from the topics.
 */
final class E2eRuns {
    static final Duration TIMEOUT = Duration.ofSeconds(300);
    static final ObjectMapper JSON = new ObjectMapper();

    private E2eRuns() {
    }

    /** The packaged services on the test stack, with {@code replicas} of those it names; not started yet. */
    static LocalServices services(StackConfig stack, Map<String, Integer> replicas) {
        StackRuntime runtime = StackRuntime.ofCurrentJvm(StackRuntime.findCheckout());
        return new LocalServices(new LocalStack(stack, runtime, System.out), runtime, System.out, replicas);
    }

    /** The CLI's output, which must exit 0. */
    static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        assertEquals(0, exit, () -> String.join(" ", args) + " failed: " + err);
        return out.toString();
    }

    static Path write(Path folder, String name, String csv) throws Exception {
        Path file = folder.resolve(name + ".csv");
        Files.writeString(file, csv);
        return file;
    }

    /** The demo's spec for {@code pipeline}, with {@code more} YAML at its end. */
    static Path spec(Path folder, String pipeline, String more) throws Exception {
        String text = new String(E2eRuns.class.getResourceAsStream("/e2e/churn.yaml").readAllBytes(), StandardCharsets.UTF_8)
                .replace("pipeline: churn", "pipeline: " + pipeline)
                .replace("name: churn-classifier", "name: " + pipeline) // versions are counted per model name
                + more;
        Path file = folder.resolve(pipeline + ".yaml");
        Files.writeString(file, text);
        return file;
    }

    /** Publishes {@code csv} to a pipeline whose spec is stored; returns the run it started. */
    static String publish(Path folder, String pipeline, String csv) {
        try {
            Path file = write(folder, pipeline + "-" + UUID.randomUUID(), csv);
            String output = cli("publish", file.toString(), "--pipeline", pipeline, "--test");
            return output.lines().filter(l -> l.startsWith("run ")).findFirst().orElseThrow().split("\\s+")[1];
        } catch (Exception e) {
            throw new AssertionError("publish failed", e);
        }
    }

    /** Stores a pipeline's spec with ingest, as a publish with --spec does first. */
    static void putSpec(StackConfig stack, String pipeline, Path spec) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://"
                        + StackConfig.LOOPBACK + ":" + stack.services().port("ingest") + "/api/v1/pipelines/" + pipeline))
                .header("Authorization", "Bearer " + TestTokens.publisher())
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofFile(spec)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(2, answer.statusCode() / 100, "spec stored: " + answer.statusCode() + " " + answer.body());
    }

    static String registryUrl(StackConfig stack) {
        return "http://" + StackConfig.LOOPBACK + ":" + stack.services().port("registry");
    }

    /** The registry's answer to a GET, which must be 200. */
    static String registry(StackConfig stack, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(registryUrl(stack) + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    static String runStatus(StackConfig stack, String runId) {
        try {
            return JSON.readTree(registry(stack, "/api/v1/runs/" + runId)).path("run").path("status").asText();
        } catch (Exception | AssertionError notYet) {
            return "";
        }
    }

    static void awaitRunStatus(StackConfig stack, String runId, Set<String> statuses) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> statuses.contains(runStatus(stack, runId)));
    }

    static boolean inProduction(StackConfig stack, String model) throws Exception {
        try {
            return JSON.readTree(registry(stack, "/api/v1/models/" + model + "/production")).path("version").asInt() == 1;
        } catch (AssertionError notYet) {
            return false;
        }
    }

    /** The keys stored under a prefix of a bucket of the test stack's object store. */
    static List<String> objectsUnder(StackConfig stack, String bucket, String prefix) throws Exception {
        io.minio.MinioClient client = io.minio.MinioClient.builder().endpoint(stack.s3().endpoint())
                .credentials(stack.s3().accessKey(), stack.s3().secretKey()).build();
        List<String> keys = new ArrayList<>();
        for (io.minio.Result<io.minio.messages.Item> item : client.listObjects(io.minio.ListObjectsArgs.builder().bucket(bucket)
                .prefix(prefix).recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }

    /** One event of a run as the topics hold it. */
    record RunEvent(String topic, long offset, ConsumerRecord<String, byte[]> record, GenericRecord event) {
        String eventId() {
            return String.valueOf(((GenericRecord) event.get("meta")).get("eventId"));
        }
    }

    /**
     * Every event of the pipeline's runs on every event topic, read from the beginning as any
     * Kafka client would (raw bytes decoded one by one: the topics also hold other tests' poison
     * records), until the topics are quiet for three polls.
     */
    static List<RunEvent> eventsOf(StackConfig stack, String pipeline) {
        List<RunEvent> events = new ArrayList<>();
        WireFormatDecoder decoder = new WireFormatDecoder(stack.schemaRegistry().ccompatUrl());
        try (KafkaConsumer<String, byte[]> consumer = EventClients.rawConsumer(stack)) {
            KafkaConsumers.assign(consumer, Arrays.stream(Topic.values()).map(Topic::topicName).toList(),
                    KafkaConsumers.From.BEGINNING);
            for (int idle = 0; idle < 3; ) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofSeconds(1));
                idle = records.isEmpty() ? idle + 1 : 0;
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (!pipeline.equals(record.key()) || record.value() == null) {
                        continue;
                    }
                    try {
                        decoder.decode(record.value()).ifPresent(event ->
                                events.add(new RunEvent(record.topic(), record.offset(), record, (GenericRecord) event)));
                    } catch (RuntimeException poison) {
                        // not an event of ours
                    }
                }
            }
        }
        return events;
    }

    static List<RunEvent> eventsOfRun(List<RunEvent> events, String runId) {
        return events.stream().filter(e -> runId.equals(String.valueOf(((GenericRecord) e.event().get("meta")).get("runId"))))
                .toList();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}

package ml.pipeline.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.kafka.KafkaConsumers;
import ml.pipeline.stack.provision.SchemaRegistrar;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * up, status, up again, down, up: on a stack of its own (temporary home, ports +2000), so it
 * never disturbs the shared test stack. One stack for the whole class: starting one costs seconds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackLifecycleTest {
    private static final String PROBE_TOPIC = Topic.PIPELINE_FAILURES.deadLetterTopic();

    @TempDir
    static Path home;
    private static LocalStack stack;
    private static final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeAll
    static void startOwnStack() {
        stack = new LocalStack(configWith(Map.of()), runtime(), new PrintStream(output, true));
    }

    @AfterAll
    static void stopOwnStack() {
        stack.down();
    }

    @Test
    @Order(1)
    void upStartsAllFourComponentsHealthyAndProvisioned() throws Exception {
        assertEquals(List.of("schema-registry", "kafka", "s3", "postgres"), stack.up(), "a fresh home starts all");
        List<ComponentStatus> statuses = stack.processes().status();
        assertEquals(List.of("schema-registry", "kafka", "s3", "postgres"), statuses.stream().map(ComponentStatus::name).toList());
        for (ComponentStatus s : statuses) {
            assertEquals(ComponentStatus.State.RUNNING, s.state(), s.name());
            assertTrue(s.healthy(), s.name() + " healthy");
            assertTrue(s.since().isPresent(), s.name() + " reports since when");
            assertTrue(s.residentBytes() > 0, s.name() + " reports its memory");
        }
        List<String> subjects = new SchemaRegistrar(stack.config().schemaRegistry().ccompatUrl()).subjects();
        for (Topic topic : Topic.values()) {
            assertTrue(subjects.contains(topic.valueSubject()), topic.valueSubject() + " in " + subjects);
        }
        writeData();
    }

    @Test
    @Order(2)
    void upAgainIsHarmless() {
        List<Long> pidsBefore = pids();
        assertEquals(List.of(), stack.up(), "nothing new is started");
        assertEquals(pidsBefore, pids());
    }

    @Test
    @Order(3)
    void downStopsEveryProcessAndUpFindsTheDataAgain() throws Exception {
        List<ProcessHandle> processes = pids().stream().map(pid -> ProcessHandle.of(pid).orElseThrow()).toList();
        stack.down();
        for (ProcessHandle process : processes) {
            assertFalse(process.isAlive(), "pid " + process.pid() + " stopped");
        }
        assertTrue(stack.processes().status().stream().allMatch(s -> s.state() == ComponentStatus.State.STOPPED));

        assertEquals(4, stack.up().size());
        readDataBack();
    }

    @Test
    @Order(4)
    void aBusyPortIsNamedAndNothingHalfStarts() throws Exception {
        stack.down();
        LocalStack other = new LocalStack(configWith(Map.of()), runtime(), new PrintStream(output, true));
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), other.config().kafka().port()));
            StackException e = assertThrows(StackException.class, other::up);
            assertTrue(e.getMessage().contains("kafka") && e.getMessage().contains(String.valueOf(other.config().kafka().port())),
                    e.getMessage());
        }
        assertTrue(other.processes().status().stream().allMatch(s -> s.state() == ComponentStatus.State.STOPPED),
                "no component was started");
    }

    @Test
    @Order(5)
    void aComponentThatFailsToStartIsNamedWithItsLogAndNothingIsLeftRunning() {
        LocalStack broken = new LocalStack(configWith(Map.of("stack.kafka.heap", "not-a-size")), runtime(),
                new PrintStream(output, true));
        try {
            StackException e = assertThrows(StackException.class, broken::up);
            assertTrue(e.getMessage().contains("kafka stopped while starting"), e.getMessage());
            assertTrue(e.getMessage().contains(broken.processes().logOf("kafka").toString()), e.getMessage());
            assertTrue(broken.processes().status().stream().allMatch(s -> s.state() == ComponentStatus.State.STOPPED),
                    "the components this attempt started were stopped again");
        } finally {
            broken.down();
        }
    }

    private static List<Long> pids() {
        return stack.processes().status().stream().map(s -> s.pid().orElseThrow()).toList();
    }

    private static void writeData() throws Exception {
        StackConfig config = stack.config();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(PROBE_TOPIC, 0, "lifecycle", "kept across down and up")).get();
        }
        minio(config).putObject(PutObjectArgs.builder().bucket("datasets").object("lifecycle/probe.txt")
                .stream(new ByteArrayInputStream("object kept".getBytes(StandardCharsets.UTF_8)), 11, -1).build());
        try (Connection db = DriverManager.getConnection(config.postgres().jdbcUrl(), config.postgres().user(), config.postgres().password())) {
            db.createStatement().execute("CREATE TABLE lifecycle_probe (note text)");
            db.createStatement().execute("INSERT INTO lifecycle_probe VALUES ('row kept')");
        }
    }

    private static void readDataBack() throws Exception {
        StackConfig config = stack.config();
        try (KafkaConsumer<String, String> consumer = KafkaConsumers.decoding(config, new StringDeserializer())) {
            KafkaConsumers.assign(consumer, List.of(PROBE_TOPIC), KafkaConsumers.From.BEGINNING);
            ConsumerRecord<String, String> first = awaitFirst(consumer);
            assertEquals("kept across down and up", first.value());
        }
        try (var in = minio(config).getObject(GetObjectArgs.builder().bucket("datasets").object("lifecycle/probe.txt").build())) {
            assertEquals("object kept", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (Connection db = DriverManager.getConnection(config.postgres().jdbcUrl(), config.postgres().user(), config.postgres().password());
             ResultSet rows = db.createStatement().executeQuery("SELECT note FROM lifecycle_probe")) {
            assertTrue(rows.next());
            assertEquals("row kept", rows.getString(1));
        }
        assertTrue(new SchemaRegistrar(config.schemaRegistry().ccompatUrl()).isCompatible(Topic.MODELS_PROMOTED.valueSubject(),
                Topic.MODELS_PROMOTED.schema()), "schemas kept");
    }

    private static ConsumerRecord<String, String> awaitFirst(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var records = consumer.poll(Duration.ofMillis(500));
            if (!records.isEmpty()) {
                return records.iterator().next();
            }
        }
        throw new AssertionError("the record written before down was not found after up");
    }

    private static MinioClient minio(StackConfig config) {
        return MinioClient.builder().endpoint(config.s3().endpoint())
                .credentials(config.s3().accessKey(), config.s3().secretKey()).build();
    }

    private static StackConfig configWith(Map<String, String> overrides) {
        Properties system = new Properties();
        system.setProperty("pipeline.home", home.toString());
        system.setProperty("pipeline.port-offset", "2000");
        overrides.forEach(system::setProperty);
        return StackConfig.load(StackRuntime.findCheckout(), StackConfig.Profile.TEST, Map.of(), system);
    }

    private static StackRuntime runtime() {
        return StackRuntime.ofCurrentJvm(StackRuntime.findCheckout());
    }
}

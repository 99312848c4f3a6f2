package ml.pipeline.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackException;
import ml.pipeline.stack.auth.SigningKey;
import ml.pipeline.stack.auth.Tokens;
import ml.pipeline.stack.provision.BucketProvisioner;
import ml.pipeline.stack.provision.DatabaseProvisioner;
import ml.pipeline.stack.provision.SchemaRegistrar;
import ml.pipeline.stack.provision.TopicProvisioner;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The test stack as containers, for machines with a Docker engine: Kafka (Testcontainers' Kafka
 * module, the apache/kafka image of the broker version the embedded stack runs), Apicurio Registry,
 * S3Proxy (the S3 server the embedded stack runs, so both paths meet the same S3 dialect, without
 * object tags or policies) and PostgreSQL (Testcontainers' module), each on a port Docker maps.
 * Then the embedded stack's own provisioners: database, signing key and CLI token, buckets,
 * topics, schemas. The test profile's settings in this JVM become these, so the CLI that e2e tests
 * run in-process with {@code --test} finds the containers too. One per test JVM, stopped when it
 * exits (Testcontainers' reaper removes what a killed JVM leaves). Not run on the project's
 * machines, which have no Docker engine.
 */
final class ContainerTestStack {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final int REGISTRY_PORT = 8080;
    /** Apicurio's Quarkus management interface (health) listens on Quarkus' default port. */
    private static final int REGISTRY_MANAGEMENT_PORT = 9000;
    private static final int S3_PORT = 8080;
    private static final int KAFKA_PORT = 9092;

    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;
    private final GenericContainer<?> s3;
    private final PostgreSQLContainer postgres;

    private ContainerTestStack(StackConfig settings, Properties images) {
        this.kafka = new KafkaContainer(DockerImageName.parse(images.getProperty("kafka")))
                .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(settings.topics().partitions()))
                // The stack creates every topic itself: a typo in a topic name fails loudly.
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withStartupTimeout(START_TIMEOUT);
        this.registry = new GenericContainer<>(DockerImageName.parse(images.getProperty("schema-registry")))
                .withExposedPorts(REGISTRY_PORT, REGISTRY_MANAGEMENT_PORT)
                .withEnv("QUARKUS_OTEL_SDK_DISABLED", "true")
                .waitingFor(Wait.forHttp("/health/ready").forPort(REGISTRY_MANAGEMENT_PORT).forStatusCode(200))
                .withStartupTimeout(START_TIMEOUT);
        this.s3 = new GenericContainer<>(DockerImageName.parse(images.getProperty("s3")))
                .withExposedPorts(S3_PORT)
                .withEnv("S3PROXY_ENDPOINT", "http://0.0.0.0:" + S3_PORT)
                .withEnv("S3PROXY_AUTHORIZATION", "aws-v2-or-v4")
                .withEnv("S3PROXY_IDENTITY", settings.s3().accessKey())
                .withEnv("S3PROXY_CREDENTIAL", settings.s3().secretKey())
                .withEnv("JCLOUDS_PROVIDER", "filesystem")
                .withEnv("JCLOUDS_FILESYSTEM_BASEDIR", "/data")
                // Any HTTP answer means it serves (403 without credentials), as the embedded probe reads it.
                .waitingFor(Wait.forHttp("/").forPort(S3_PORT).forStatusCodeMatching(status -> status > 0))
                .withStartupTimeout(START_TIMEOUT);
        this.postgres = new PostgreSQLContainer(DockerImageName.parse(images.getProperty("postgres")))
                .withDatabaseName(settings.postgres().database())
                .withUsername(settings.postgres().user())
                .withPassword(settings.postgres().password())
                .withStartupTimeout(START_TIMEOUT);
    }

    /**
     * Starts the containers and provisions them; returns the settings that point at them, under
     * {@code <test home>/containers}. {@code settings} is the test profile's: credentials, buckets,
     * topics and the services' ports come from it.
     */
    static StackConfig start(StackConfig settings, PrintStream out) {
        Instant begin = Instant.now();
        ContainerTestStack stack = new ContainerTestStack(settings, images());
        out.println("Container test stack: " + String.join(", ", stack.kafka.getDockerImageName(),
                stack.registry.getDockerImageName(), stack.s3.getDockerImageName(), stack.postgres.getDockerImageName()));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "container-test-stack-down"));
        try {
            List.of(stack.postgres, stack.registry, stack.kafka, stack.s3).parallelStream().forEach(GenericContainer::start);
        } catch (RuntimeException e) {
            stack.stop();
            throw new StackException("the container test stack did not start: " + e.getMessage(), e);
        }
        StackConfig config = stack.config(settings);
        provision(config, out);
        StackConfig.useAsTestStack(config);
        out.printf("Container test stack ready in %.1f s.%n", Duration.between(begin, Instant.now()).toMillis() / 1000.0);
        return config;
    }

    private StackConfig config(StackConfig settings) {
        String host = kafka.getHost();
        if (!isLoopback(host)) {
            // Every client of the stack config (and the services started from it) reaches 127.0.0.1.
            throw new StackException("the container test stack needs a Docker engine that maps ports on this machine;"
                    + " its containers' host is " + host + ". Use a local engine, or PIPELINE_TEST_STACK=embedded.");
        }
        String jdbcUrl = "jdbc:postgresql://" + StackConfig.LOOPBACK + ":" + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT)
                + "/" + settings.postgres().database();
        return settings.withInfrastructure(settings.home().resolve("containers"),
                kafka.getMappedPort(KAFKA_PORT),
                registry.getMappedPort(REGISTRY_PORT), registry.getMappedPort(REGISTRY_MANAGEMENT_PORT),
                s3.getMappedPort(S3_PORT),
                jdbcUrl, postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT));
    }

    /** The same steps, in the same order, with the same provisioners as the embedded stack's {@code up}. */
    private static void provision(StackConfig config, PrintStream out) {
        String adminJdbcUrl = config.postgres().jdbcUrl().replaceFirst("/[^/]+$", "/postgres");
        step("creating the database", () -> new DatabaseProvisioner(config, adminJdbcUrl).ensureDatabase());
        step("writing the signing key and the CLI's token", () -> {
            SigningKey.ensure(config.auth());
            return Tokens.ensureStored(config.auth(), System.getProperty("user.name", "cli"));
        });
        step("creating buckets", () -> new BucketProvisioner(config).ensureBuckets());
        step("creating topics", () -> new TopicProvisioner(config).ensureTopics());
        var ids = step("registering schemas", () -> new SchemaRegistrar(config.schemaRegistry().ccompatUrl()).registerAll());
        out.println("  " + config.s3().buckets().size() + " buckets, " + Topic.values().length
                + " event topics and their .dlq, " + ids.size() + " schemas; data, keys and logs in " + config.home());
    }

    private static <T> T step(String what, Step<T> step) {
        try {
            return step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while " + what);
        } catch (Exception e) {
            throw new StackException(what + " on the container test stack failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws Exception;
    }

    private void stop() {
        for (GenericContainer<?> container : List.of(s3, kafka, registry, postgres)) {
            try {
                container.stop();
            } catch (RuntimeException e) {
                // At exit: the reaper removes what is left.
            }
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Properties images() {
        Properties images = new Properties();
        try (InputStream in = ContainerTestStack.class.getResourceAsStream("container-images.properties")) {
            if (in == null) {
                throw new IllegalStateException("container-images.properties is missing from the testing jar");
            }
            images.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return images;
    }
}

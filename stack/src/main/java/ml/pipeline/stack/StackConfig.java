package ml.pipeline.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import ml.pipeline.stack.auth.SigningKey;
import ml.pipeline.stack.auth.Tokens;

/**
 * Where the stack keeps its data and where each component listens. Layered: built-in defaults
 * ({@code stack-defaults.properties}), then {@code <home>/stack.properties}, then environment
 * variables, then system properties. Every port is shifted by the port offset.
 */
public record StackConfig(
        Path home,
        int portOffset,
        KafkaSettings kafka,
        SchemaRegistrySettings schemaRegistry,
        S3Settings s3,
        PostgresSettings postgres,
        TopicSettings topics,
        ServiceSettings services,
        int startTimeoutSeconds) {

    public static final String LOOPBACK = "127.0.0.1";
    private static final String DEFAULTS = "stack-defaults.properties";
    private static final java.time.Duration SERVICE_TOKEN_LIFETIME = java.time.Duration.ofDays(365);

    public record KafkaSettings(int port, int controllerPort, String heap) {
        public String bootstrapServers() {
            return LOOPBACK + ":" + port;
        }
    }

    /** The schema registry (Apicurio); not the pipeline's model registry, which is a service. */
    public record SchemaRegistrySettings(int port, int managementPort, String heap) {
        public String url() {
            return "http://" + LOOPBACK + ":" + port;
        }

        /** The Confluent-compatible API: what Kafka UI and every Confluent client talk to. */
        public String ccompatUrl() {
            return url() + "/apis/ccompat/v7";
        }

        /** Apicurio's own API: what its serde (and Quarkus' apicurio extension) is configured with. */
        public String apiUrl() {
            return url() + "/apis/registry/v3";
        }
    }

    public record S3Settings(int port, String accessKey, String secretKey, List<String> buckets, String heap) {
        public String endpoint() {
            return "http://" + LOOPBACK + ":" + port;
        }
    }

    /** The embedded PostgreSQL, or an external one when {@code externalUrl} is set. */
    public record PostgresSettings(int port, Optional<String> externalUrl, String user, String password, String database) {
        public boolean isExternal() {
            return externalUrl.isPresent();
        }

        public String jdbcUrl() {
            return externalUrl.orElse("jdbc:postgresql://" + LOOPBACK + ":" + port + "/" + database);
        }

        /** The same database in the form the Vert.x reactive client (Hibernate Reactive) takes. */
        public String reactiveUrl() {
            return jdbcUrl().replaceFirst("^jdbc:", "");
        }
    }

    /** Applied when a topic is created; existing topics keep theirs. */
    public record TopicSettings(int partitions, long retentionMs, long deadLetterRetentionMs) {
    }

    public record ServiceSettings(Map<String, Integer> ports, String heap) {
        public int port(String service) {
            Integer port = ports.get(service);
            if (port == null) {
                throw new IllegalArgumentException("no port configured for service '" + service
                        + "' (services." + service + ".port)");
            }
            return port;
        }

        /** Where a service's API answers, e.g. http://127.0.0.1:18106 for the registry. */
        public String url(String service) {
            return "http://" + LOOPBACK + ":" + port(service);
        }
    }

    /** Which stack: the user's, or the one the tests run against (own folder, ports +1000). */
    public enum Profile {
        DEV(".pipeline", 0, "PIPELINE_"),
        TEST(".pipeline/test-stack", 1000, "PIPELINE_TEST_");

        final String defaultHome;
        final int defaultPortOffset;
        /** Environment variables of this profile start with it: PIPELINE_HOME, PIPELINE_TEST_HOME, ... */
        final String environmentPrefix;

        Profile(String defaultHome, int defaultPortOffset, String environmentPrefix) {
            this.defaultHome = defaultHome;
            this.defaultPortOffset = defaultPortOffset;
            this.environmentPrefix = environmentPrefix;
        }
    }

    private static final Map<String, String> ENVIRONMENT_KEYS = Map.of(
            "HOME", "pipeline.home",
            "PORT_OFFSET", "pipeline.port-offset",
            "POSTGRES_URL", "stack.postgres.url",
            "POSTGRES_USER", "stack.postgres.user",
            "POSTGRES_PASSWORD", "stack.postgres.password");

    /** The container test stack this JVM started, if any: see {@link #useAsTestStack}. */
    private static volatile StackConfig containerTestStack;

    public static StackConfig load(Path checkout, Profile profile) {
        StackConfig containers = containerTestStack;
        if (profile == Profile.TEST && containers != null) {
            return containers;
        }
        return load(checkout, profile, System.getenv(), System.getProperties());
    }

    /**
     * From now on, the test profile's settings in this JVM are these (the container test stack's
     * mapped ports and home), so what loads them itself finds the containers: the CLI that e2e
     * tests run in-process with {@code --test}, for one. The embedded test stack never calls it;
     * null returns to the settings as configured.
     */
    public static void useAsTestStack(StackConfig containers) {
        containerTestStack = containers;
    }

    static StackConfig load(Path checkout, Profile profile, Map<String, String> env, Properties system) {
        Properties p = defaults();
        p.setProperty("pipeline.home", profile.defaultHome);
        p.setProperty("pipeline.port-offset", String.valueOf(profile.defaultPortOffset));
        overlayEnvironment(p, env, profile);
        overlaySystem(p, system);
        // The home is where stack.properties lives, so that file cannot move it.
        Path home = checkout.resolve(p.getProperty("pipeline.home")).toAbsolutePath().normalize();
        readFileInto(p, home.resolve("stack.properties"));
        overlayEnvironment(p, env, profile);
        overlaySystem(p, system);
        return fromProperties(home, p);
    }

    /**
     * These settings with the infrastructure somewhere else: containers, on the ports Docker mapped
     * on this machine's loopback, under a home of their own (signing key, services' logs and pids).
     * Credentials, buckets, topics, services' ports and timeouts stay; PostgreSQL becomes the given
     * (external) database. The embedded stack never calls it.
     */
    public StackConfig withInfrastructure(Path home, int kafkaPort, int registryPort, int registryManagementPort,
            int s3Port, String postgresJdbcUrl, int postgresPort) {
        return new StackConfig(home, portOffset,
                new KafkaSettings(kafkaPort, kafka.controllerPort(), kafka.heap()),
                new SchemaRegistrySettings(registryPort, registryManagementPort, schemaRegistry.heap()),
                new S3Settings(s3Port, s3.accessKey(), s3.secretKey(), s3.buckets(), s3.heap()),
                new PostgresSettings(postgresPort, Optional.of(postgresJdbcUrl), postgres.user(), postgres.password(),
                        postgres.database()),
                topics, services, startTimeoutSeconds);
    }

    private static StackConfig fromProperties(Path home, Properties p) {
        int offset = integer(p, "pipeline.port-offset");
        String externalUrl = p.getProperty("stack.postgres.url", "").trim();
        return new StackConfig(
                home,
                offset,
                new KafkaSettings(offset + integer(p, "stack.kafka.port"), offset + integer(p, "stack.kafka.controller-port"),
                        p.getProperty("stack.kafka.heap")),
                new SchemaRegistrySettings(offset + integer(p, "stack.registry.port"),
                        offset + integer(p, "stack.registry.management-port"), p.getProperty("stack.registry.heap")),
                new S3Settings(offset + integer(p, "stack.s3.port"), p.getProperty("stack.s3.access-key"),
                        p.getProperty("stack.s3.secret-key"), list(p, "stack.s3.buckets"), p.getProperty("stack.s3.heap")),
                new PostgresSettings(offset + integer(p, "stack.postgres.port"),
                        externalUrl.isEmpty() ? Optional.empty() : Optional.of(externalUrl),
                        p.getProperty("stack.postgres.user"), p.getProperty("stack.postgres.password"),
                        p.getProperty("stack.postgres.database")),
                new TopicSettings(integer(p, "stack.topics.partitions"), longValue(p, "stack.topics.retention-ms"),
                        longValue(p, "stack.topics.dlq-retention-ms")),
                new ServiceSettings(servicePorts(p, offset), p.getProperty("services.heap")),
                integer(p, "stack.start-timeout-seconds"));
    }

    /** Every {@code services.<name>.port} key, shifted by the port offset. */
    private static Map<String, Integer> servicePorts(Properties p, int offset) {
        Map<String, Integer> ports = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("services.") && key.endsWith(".port")) {
                ports.put(key.substring("services.".length(), key.length() - ".port".length()), offset + integer(p, key));
            }
        }
        return Map.copyOf(ports);
    }

    public Path logs() {
        return home.resolve("logs");
    }

    public Path pids() {
        return home.resolve("run");
    }

    /** The signing key, its public half and the CLI's stored token ({@code ml.pipeline.stack.auth}). */
    public Path auth() {
        return home.resolve("auth");
    }

    /** Connection settings, named as the services' configuration keys name them. */
    public Map<String, String> connectionSettings() {
        return Map.ofEntries(
                Map.entry("kafka.bootstrap.servers", kafka.bootstrapServers()),
                Map.entry("mp.messaging.connector.smallrye-kafka.apicurio.registry.url", schemaRegistry.apiUrl()),
                Map.entry("pipeline.schema-registry.ccompat-url", schemaRegistry.ccompatUrl()),
                Map.entry("pipeline.s3.endpoint", s3.endpoint()),
                Map.entry("pipeline.s3.access-key", s3.accessKey()),
                Map.entry("pipeline.s3.secret-key", s3.secretKey()),
                // The registry service maps these onto quarkus.datasource.*: only it has a database.
                Map.entry("pipeline.postgres.reactive-url", postgres.reactiveUrl()),
                Map.entry("pipeline.postgres.user", postgres.user()),
                Map.entry("pipeline.postgres.password", postgres.password()),
                // Tokens are verified with the public half of the key the stack created (SmallRye JWT).
                Map.entry("mp.jwt.verify.publickey.location", auth().resolve(SigningKey.PUBLIC_FILE).toString()),
                Map.entry("mp.jwt.verify.issuer", Tokens.ISSUER));
    }

    /**
     * Where the services reach each other, as their configuration keys name it: apart from the
     * stack's settings, because a service tested alone has no other service to reach.
     */
    public Map<String, String> serviceLinks() {
        // Ingest asks the registry whether a publish starts a run.
        return Map.of("pipeline.services.registry-url", services.url("registry"));
    }

    /**
     * Tokens the services present as themselves: ingest's (role publisher) for the registry's run
     * claims of its sources' scheduled publishes, which have no caller whose token it could pass
     * on. Signed with the stack's key and issued anew at every start of a service.
     */
    public Map<String, String> serviceTokens() {
        return Map.of("pipeline.sources.registry-token",
                Tokens.issue(SigningKey.load(auth()), "ingest-sources", List.of("publisher"), SERVICE_TOKEN_LIFETIME));
    }

    private static Properties defaults() {
        Properties p = new Properties();
        try (InputStream in = StackConfig.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the stack jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS, e);
        }
        return p;
    }

    private static void readFileInto(Properties p, Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void overlayEnvironment(Properties p, Map<String, String> env, Profile profile) {
        ENVIRONMENT_KEYS.forEach((suffix, key) -> {
            String value = env.get(profile.environmentPrefix + suffix);
            if (value != null && !value.isBlank()) {
                p.setProperty(key, value.trim());
            }
        });
    }

    private static void overlaySystem(Properties p, Properties system) {
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith("pipeline.") || key.startsWith("stack.") || key.startsWith("services.")) {
                p.setProperty(key, system.getProperty(key).trim());
            }
        }
    }

    private static List<String> list(Properties p, String key) {
        return Arrays.stream(p.getProperty(key, "").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static int integer(Properties p, String key) {
        return (int) longValue(p, key);
    }

    private static long longValue(Properties p, String key) {
        String value = p.getProperty(key, "").trim();
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stack setting " + key + " must be a whole number, got '" + value + "'");
        }
    }
}

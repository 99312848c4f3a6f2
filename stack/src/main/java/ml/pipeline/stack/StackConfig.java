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

/**
 * Where the stack keeps its data and where each component listens. Layered: built-in defaults,
 * then {@code <home>/stack.properties}, then a few environment variables, then system properties.
 */
public record StackConfig(
        Path home,
        int portOffset,
        int kafkaPort,
        int kafkaControllerPort,
        String kafkaHeap,
        int registryPort,
        int registryManagementPort,
        String registryHeap,
        int s3Port,
        String s3AccessKey,
        String s3SecretKey,
        List<String> buckets,
        String s3Heap,
        int postgresPort,
        Optional<String> externalPostgresUrl,
        String postgresUser,
        String postgresPassword,
        String postgresDatabase,
        int topicPartitions,
        long topicRetentionMs,
        long deadLetterRetentionMs,
        int startTimeoutSeconds,
        Map<String, Integer> servicePorts,
        String serviceHeap) {

    public static final String LOOPBACK = "127.0.0.1";
    private static final String DEFAULTS = "stack-defaults.properties";

    /** Which stack: the user's, or the one the tests run against (own folder, ports +1000). */
    public enum Profile {
        DEV(".pipeline", 0),
        TEST(".pipeline/test-stack", 1000);

        final String defaultHome;
        final int defaultPortOffset;

        Profile(String defaultHome, int defaultPortOffset) {
            this.defaultHome = defaultHome;
            this.defaultPortOffset = defaultPortOffset;
        }
    }

    public static StackConfig load(Path checkout, Profile profile) {
        return load(checkout, profile, System.getenv(), System.getProperties());
    }

    static StackConfig load(Path checkout, Profile profile, Map<String, String> env, Properties system) {
        Properties p = defaults();
        p.setProperty("pipeline.home", profile.defaultHome);
        p.setProperty("pipeline.port-offset", String.valueOf(profile.defaultPortOffset));
        String envPrefix = profile == Profile.TEST ? "PIPELINE_TEST_" : "PIPELINE_";
        overlayEnv(p, env, envPrefix + "HOME", "pipeline.home");
        overlaySystem(p, system, "pipeline.home");
        Path home = checkout.resolve(p.getProperty("pipeline.home")).toAbsolutePath().normalize();

        readFileInto(p, home.resolve("stack.properties"));
        overlayEnv(p, env, envPrefix + "HOME", "pipeline.home");
        overlayEnv(p, env, envPrefix + "PORT_OFFSET", "pipeline.port-offset");
        overlayEnv(p, env, "PIPELINE_POSTGRES_URL", "stack.postgres.url");
        overlayEnv(p, env, "PIPELINE_POSTGRES_USER", "stack.postgres.user");
        overlayEnv(p, env, "PIPELINE_POSTGRES_PASSWORD", "stack.postgres.password");
        for (String key : p.stringPropertyNames()) {
            overlaySystem(p, system, key);
        }
        return fromProperties(home, p);
    }

    private static StackConfig fromProperties(Path home, Properties p) {
        int offset = integer(p, "pipeline.port-offset");
        String externalUrl = p.getProperty("stack.postgres.url", "").trim();
        return new StackConfig(
                home,
                offset,
                offset + integer(p, "stack.kafka.port"),
                offset + integer(p, "stack.kafka.controller-port"),
                p.getProperty("stack.kafka.heap"),
                offset + integer(p, "stack.registry.port"),
                offset + integer(p, "stack.registry.management-port"),
                p.getProperty("stack.registry.heap"),
                offset + integer(p, "stack.s3.port"),
                p.getProperty("stack.s3.access-key"),
                p.getProperty("stack.s3.secret-key"),
                Arrays.stream(p.getProperty("stack.s3.buckets").split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList(),
                p.getProperty("stack.s3.heap"),
                offset + integer(p, "stack.postgres.port"),
                externalUrl.isEmpty() ? Optional.empty() : Optional.of(externalUrl),
                p.getProperty("stack.postgres.user"),
                p.getProperty("stack.postgres.password"),
                p.getProperty("stack.postgres.database"),
                integer(p, "stack.topics.partitions"),
                Long.parseLong(p.getProperty("stack.topics.retention-ms").trim()),
                Long.parseLong(p.getProperty("stack.topics.dlq-retention-ms").trim()),
                integer(p, "stack.start-timeout-seconds"),
                servicePorts(p, offset),
                p.getProperty("services.heap"));
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

    public int servicePort(String service) {
        Integer port = servicePorts.get(service);
        if (port == null) {
            throw new IllegalArgumentException("no port configured for service '" + service
                    + "' (services." + service + ".port)");
        }
        return port;
    }

    public String kafkaBootstrapServers() {
        return LOOPBACK + ":" + kafkaPort;
    }

    /** Base url of the registry; the Confluent-compatible API is under {@link #ccompatUrl()}. */
    public String registryUrl() {
        return "http://" + LOOPBACK + ":" + registryPort;
    }

    public String ccompatUrl() {
        return registryUrl() + "/apis/ccompat/v7";
    }

    /** What Apicurio's own serde (and Quarkus' apicurio extension) is configured with. */
    public String registryApiUrl() {
        return registryUrl() + "/apis/registry/v3";
    }

    public String s3Endpoint() {
        return "http://" + LOOPBACK + ":" + s3Port;
    }

    public boolean postgresIsExternal() {
        return externalPostgresUrl.isPresent();
    }

    public String postgresJdbcUrl() {
        return externalPostgresUrl.orElse("jdbc:postgresql://" + LOOPBACK + ":" + postgresPort + "/" + postgresDatabase);
    }

    /** The same database as {@link #postgresJdbcUrl()}, in the form the Vert.x reactive client takes. */
    public String postgresReactiveUrl() {
        return postgresJdbcUrl().replaceFirst("^jdbc:", "");
    }

    public Path logs() {
        return home.resolve("logs");
    }

    public Path pids() {
        return home.resolve("run");
    }

    /** Connection settings as the services' configuration keys name them. */
    public Map<String, String> serviceSettings() {
        return Map.of(
                "kafka.bootstrap.servers", kafkaBootstrapServers(),
                "mp.messaging.connector.smallrye-kafka.apicurio.registry.url", registryApiUrl(),
                "pipeline.registry.ccompat-url", ccompatUrl(),
                "pipeline.s3.endpoint", s3Endpoint(),
                "pipeline.s3.access-key", s3AccessKey,
                "pipeline.s3.secret-key", s3SecretKey,
                "quarkus.datasource.reactive.url", postgresReactiveUrl(),
                "quarkus.datasource.username", postgresUser,
                "quarkus.datasource.password", postgresPassword);
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

    private static void overlayEnv(Properties p, Map<String, String> env, String variable, String key) {
        String value = env.get(variable);
        if (value != null && !value.isBlank()) {
            p.setProperty(key, value.trim());
        }
    }

    private static void overlaySystem(Properties p, Properties system, String key) {
        String value = system.getProperty(key);
        if (value != null) {
            p.setProperty(key, value.trim());
        }
    }

    private static int integer(Properties p, String key) {
        String value = p.getProperty(key, "").trim();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stack setting " + key + " must be a whole number, got '" + value + "'");
        }
    }
}

package ml.pipeline.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.LocalServices;
import ml.pipeline.stack.StackConfig;

/**
 * What the manifests must agree with, read from where the code keeps it: the topics (Topic), the
 * stack's defaults (stack-defaults.properties: ports, partitions, retention, buckets), the keys the
 * stack gives every service (StackConfig.connectionSettings() and serviceLinks()), and each
 * service's application.properties (its name, hence its consumer group, and the channels it reads).
 */
record ProjectFacts(
        List<String> services,
        Properties defaults,
        Map<String, String> connectionSettings,
        Map<String, String> serviceLinks,
        Map<String, Properties> applicationProperties,
        Path checkout) {
    private static final Pattern INCOMING = Pattern.compile("^mp\\.messaging\\.incoming\\.(?:\"([^\"]+)\"|([^.\"]+))\\.");

    static ProjectFacts read(Path checkout) {
        Properties defaults = new Properties();
        try (InputStream in = StackConfig.class.getResourceAsStream("stack-defaults.properties")) {
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StackConfig stack;
        try {
            // An empty folder as the checkout: no stack.properties of anyone's can change what is compared.
            stack = StackConfig.load(Files.createTempDirectory("k8s-facts-"), StackConfig.Profile.DEV);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Properties> properties = new LinkedHashMap<>();
        for (String service : LocalServices.NAMES) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(checkout.resolve("services/" + service + "/src/main/resources/application.properties"))) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            properties.put(service, p);
        }
        return new ProjectFacts(LocalServices.NAMES, defaults, stack.connectionSettings(), stack.serviceLinks(), properties, checkout);
    }

    int port(String service) {
        return Integer.parseInt(defaults.getProperty("services." + service + ".port").trim());
    }

    int partitions() {
        return Integer.parseInt(defaults.getProperty("stack.topics.partitions").trim());
    }

    /** Every topic the stack creates, with the retention it gets: events, their dead letters, the spans. */
    Map<String, String> topicRetention() {
        Map<String, String> topics = new LinkedHashMap<>();
        String events = defaults.getProperty("stack.topics.retention-ms").trim();
        String short_ = defaults.getProperty("stack.topics.dlq-retention-ms").trim();
        for (Topic topic : Topic.values()) {
            topics.put(topic.topicName(), events);
            topics.put(topic.deadLetterTopic(), short_);
        }
        topics.put(Topic.TELEMETRY_SPANS, short_);
        return topics;
    }

    List<String> buckets() {
        return Arrays.stream(defaults.getProperty("stack.s3.buckets").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The keys a service reads: the stack's connection keys (the database's only where its properties use them) and links. */
    boolean needs(String service, String key) {
        if (key.startsWith("pipeline.postgres.")) {
            return applicationProperties.get(service).values().stream().anyMatch(v -> v.toString().contains("${" + key + "}"));
        }
        return true;
    }

    /** Quarkus' default group.id is the application's name; a channel may set its own. */
    String consumerGroup(String service, String channel) {
        Properties p = applicationProperties.get(service);
        String own = p.getProperty("mp.messaging.incoming.\"" + channel + "\".group.id", p.getProperty("mp.messaging.incoming." + channel + ".group.id"));
        return own != null ? own : p.getProperty("quarkus.application.name");
    }

    /** The topics a service reads: its incoming channels named in application.properties (a channel is named after its topic unless .topic says otherwise). */
    Set<String> incomingTopics(String service) {
        Properties p = applicationProperties.get(service);
        Set<String> topics = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            Matcher m = INCOMING.matcher(key);
            if (m.find()) {
                String channel = m.group(1) != null ? m.group(1) : m.group(2);
                topics.add(p.getProperty("mp.messaging.incoming." + channel + ".topic",
                        p.getProperty("mp.messaging.incoming.\"" + channel + "\".topic", channel)));
            }
        }
        return topics;
    }

    /** Every dead-letter topic a service's properties name. */
    Set<String> deadLetterTopics(String service) {
        Set<String> topics = new TreeSet<>();
        applicationProperties.get(service).forEach((key, value) -> {
            if (key.toString().endsWith(".dead-letter-queue.topic")) {
                topics.add(value.toString().trim());
            }
        });
        return topics;
    }

    /** MicroProfile Config's rule for environment variables: non-alphanumerics become '_', upper case. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }
}

package ml.pipeline.stack.provision;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.StackConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates every event topic and its dead-letter topic, and the spans topic; existing topics are left as they are. */
public final class TopicProvisioner {
    private static final short SINGLE_NODE_REPLICATION = 1;

    private final StackConfig config;

    public TopicProvisioner(StackConfig config) {
        this.config = config;
    }

    /** Returns the names of the topics it created (empty when all existed). */
    public List<String> ensureTopics() throws InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic topic : Topic.values()) {
                addIfMissing(missing, existing, topic.topicName(), config.topics().retentionMs());
                addIfMissing(missing, existing, topic.deadLetterTopic(), config.topics().deadLetterRetentionMs());
            }
            addIfMissing(missing, existing, Topic.TELEMETRY_SPANS, config.topics().deadLetterRetentionMs());
            List<String> created = new ArrayList<>();
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            return created;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics on " + config.kafka().bootstrapServers() + ": " + e, e);
        }
    }

    private void addIfMissing(List<NewTopic> missing, Set<String> existing, String name, long retentionMs) {
        if (!existing.contains(name)) {
            missing.add(new NewTopic(name, config.topics().partitions(), SINGLE_NODE_REPLICATION)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retentionMs))));
        }
    }
}

package ml.pipeline.stack.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.pipeline.stack.StackConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The one way the CLI and the tests read topics: a consumer of the stack's broker in no group,
 * committing nothing, assigned every partition of the topics it reads. It watches the topics
 * without taking records away from the services' consumer groups.
 */
public final class KafkaConsumers {
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    /** Where an assigned consumer starts: at the topic's first record, or after its last one. */
    public enum From {
        BEGINNING,
        END
    }

    private KafkaConsumers() {
    }

    /** Record values as bytes (decode them with {@link WireFormatDecoder}); keys are pipeline names. */
    public static KafkaConsumer<String, byte[]> raw(StackConfig stack) {
        return decoding(stack, new ByteArrayDeserializer());
    }

    /** Values read with the given deserializer. */
    public static <V> KafkaConsumer<String, V> decoding(StackConfig stack, Deserializer<V> values) {
        return new KafkaConsumer<>(settings(stack, Map.of()), new StringDeserializer(), values);
    }

    /** Values read by a deserializer configured by class and settings (e.g. a registry serde). */
    public static <V> KafkaConsumer<String, V> configured(StackConfig stack, Map<String, Object> extra) {
        Map<String, Object> props = settings(stack, extra);
        props.putIfAbsent(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(props);
    }

    /**
     * Assigns every partition of the topics and positions the consumer, resolving the position
     * now: with {@link From#END}, only records sent after this call are read.
     */
    public static List<TopicPartition> assign(KafkaConsumer<?, ?> consumer, Collection<String> topics, From from) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, METADATA_TIMEOUT)
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        if (from == From.END) {
            consumer.seekToEnd(partitions);
        } else {
            consumer.seekToBeginning(partitions);
        }
        partitions.forEach(consumer::position);
        return partitions;
    }

    private static Map<String, Object> settings(StackConfig stack, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }
}

package ml.pipeline.stack.testing;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import ml.pipeline.stack.StackConfig;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Kafka clients for tests, wired to a stack with the registry serde exactly as the services are. */
public final class EventTestClients {
    private EventTestClients() {
    }

    public static <V> KafkaProducer<String, V> avroProducer(StackConfig stack) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(AvroSerdeConfig.REGISTRY_URL, stack.registry().apiUrl());
        props.put(AvroSerdeConfig.AUTO_REGISTER_ARTIFACT, true);
        // Register whole schemas, as `stack up` does: Apicurio would otherwise split nested records
        // into references, which a plain Confluent reader of /schemas/ids/{id} cannot parse.
        props.put(AvroSerdeConfig.DEREFERENCE_SCHEMA, true);
        return new KafkaProducer<>(props);
    }

    /** Reads values into the generated classes it was compiled with, whatever newer schema wrote them. */
    public static <V> KafkaConsumer<String, V> specificAvroConsumer(StackConfig stack) {
        Map<String, Object> props = consumerProps(stack);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class);
        props.put(AvroSerdeConfig.REGISTRY_URL, stack.registry().apiUrl());
        props.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        return new KafkaConsumer<>(props);
    }

    /** Reads one event type as any Confluent-compatible reader would; see {@link WireFormatDeserializer}. */
    public static <V extends SpecificRecord> KafkaConsumer<String, V> eventConsumer(StackConfig stack, Class<V> type) {
        return new KafkaConsumer<>(consumerProps(stack), new StringDeserializer(),
                new WireFormatDeserializer<>(type, stack.registry().ccompatUrl()));
    }

    public static KafkaConsumer<String, byte[]> rawConsumer(StackConfig stack) {
        Map<String, Object> props = consumerProps(stack);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(props);
    }

    /** Assigns every partition of the topic and moves to its end, so only records sent afterwards are read. */
    public static void positionAtEnd(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Polls until a record matches, or fails after the timeout. */
    public static <V> ConsumerRecord<String, V> awaitRecord(KafkaConsumer<String, V> consumer,
            Predicate<ConsumerRecord<String, V>> matches, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(500))) {
                if (matches.test(record)) {
                    return record;
                }
            }
        }
        throw new AssertionError("no matching record within " + timeout.toSeconds() + " s");
    }

    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value()));
    }

    private static Map<String, Object> consumerProps(StackConfig stack) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }
}

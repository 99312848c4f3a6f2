package ml.pipeline.testing;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.kafka.KafkaConsumers;
import ml.pipeline.stack.kafka.WireFormatDecoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka clients for tests, wired to a stack: producers with the registry serde exactly as the
 * services have it, and consumers that read events as any Confluent-compatible reader would.
 * {@link EventExchange} sends and awaits with them.
 */
public final class EventClients {
    private EventClients() {
    }

    public static <V> KafkaProducer<String, V> avroProducer(StackConfig stack) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(AvroSerdeConfig.REGISTRY_URL, stack.schemaRegistry().apiUrl());
        props.put(AvroSerdeConfig.AUTO_REGISTER_ARTIFACT, true);
        // Register whole schemas, as `stack up` does: Apicurio would otherwise split nested records
        // into references, which a plain Confluent reader of /schemas/ids/{id} cannot parse.
        props.put(AvroSerdeConfig.DEREFERENCE_SCHEMA, true);
        return new KafkaProducer<>(props);
    }

    /** For bytes that are not an event (a poison record, say). */
    public static KafkaProducer<String, byte[]> rawProducer(StackConfig stack) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Reads values with Apicurio's serde into the generated classes, whatever newer schema wrote them. */
    public static <V> KafkaConsumer<String, V> specificAvroConsumer(StackConfig stack) {
        return KafkaConsumers.configured(stack, Map.of(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class,
                AvroSerdeConfig.REGISTRY_URL, stack.schemaRegistry().apiUrl(),
                AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true));
    }

    /** Reads one event type as any Confluent-compatible reader would; see {@link WireFormatDecoder}. */
    public static <V extends SpecificRecord> KafkaConsumer<String, V> eventConsumer(StackConfig stack, Class<V> type) {
        return KafkaConsumers.decoding(stack, new WireFormatDecoder(stack.schemaRegistry().ccompatUrl()).deserializer(type));
    }

    public static KafkaConsumer<String, byte[]> rawConsumer(StackConfig stack) {
        return KafkaConsumers.raw(stack);
    }

    /** Assigns every partition of the topic and moves to its end, so only records sent afterwards are read. */
    public static void positionAtEnd(KafkaConsumer<?, ?> consumer, String topic) {
        KafkaConsumers.assign(consumer, List.of(topic), KafkaConsumers.From.END);
    }

    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value()));
    }
}

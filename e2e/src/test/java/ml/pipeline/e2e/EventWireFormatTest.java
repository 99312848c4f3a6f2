package ml.pipeline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.time.Duration;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.EventKeys;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.provision.SchemaRegistrar;
import ml.pipeline.testing.EventClients;
import ml.pipeline.testing.EventExchange;
import ml.pipeline.testing.EventFixtures;
import ml.pipeline.testing.PipelineStackExtension;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Events travel through the real broker in the Confluent wire format, decodable by any Confluent reader. */
@ExtendWith(PipelineStackExtension.class)
class EventWireFormatTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String TOPIC = Topic.DATASETS_PUBLISHED.topicName();

    @Test
    void aPublishedEventComesBackEqualThroughTheRegistrySerde(StackConfig stack) throws Exception {
        DatasetPublished sent = EventFixtures.datasetPublished("wire-roundtrip");
        try (KafkaConsumer<String, DatasetPublished> consumer = EventClients.specificAvroConsumer(stack);
             KafkaProducer<String, DatasetPublished> producer = EventClients.avroProducer(stack)) {
            EventClients.positionAtEnd(consumer, TOPIC);
            producer.send(new ProducerRecord<>(TOPIC, EventKeys.of(sent.getMeta()), sent)).get();

            ConsumerRecord<String, DatasetPublished> received = EventExchange.awaitRecord(consumer,
                    r -> r.value().getMeta().getEventId().equals(sent.getMeta().getEventId()), TIMEOUT);

            assertEquals("wire-roundtrip", received.key());
            assertEquals(sent, received.value());
        }
    }

    @Test
    void recordBytesAreMagicByteSchemaIdAndAvroBinary(StackConfig stack) throws Exception {
        DatasetPublished sent = EventFixtures.datasetPublished("wire-format");
        try (KafkaConsumer<String, byte[]> consumer = EventClients.rawConsumer(stack);
             KafkaProducer<String, DatasetPublished> producer = EventClients.avroProducer(stack)) {
            EventClients.positionAtEnd(consumer, TOPIC);
            producer.send(new ProducerRecord<>(TOPIC, EventKeys.of(sent.getMeta()), sent)).get();
            byte[] bytes = EventExchange.awaitRecord(consumer, r -> "wire-format".equals(r.key()), TIMEOUT).value();

            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            assertEquals(0, buffer.get(), "Confluent wire format starts with magic byte 0");
            int schemaId = buffer.getInt();

            Schema registered = new SchemaRegistrar(stack.schemaRegistry().ccompatUrl()).schemaById(schemaId)
                    .orElseThrow(() -> new AssertionError("ccompat API does not know schema id " + schemaId));
            assertEquals(DatasetPublished.getClassSchema(), registered,
                    "the id in the record resolves, through /apis/ccompat/v7/schemas/ids/{id}, to the event's schema");

            // What follows the 5-byte header is plain Avro binary: a Confluent reader decodes it with that schema.
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
            DatasetPublished decoded = new SpecificDatumReader<DatasetPublished>(registered, DatasetPublished.getClassSchema())
                    .read(null, decoder);
            assertEquals(sent, decoded);
            assertEquals(true, decoder.isEnd(), "no trailing bytes after the Avro payload");
        }
    }
}

package ml.pipeline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.provision.SchemaRegistrar;
import ml.pipeline.testing.EventClients;
import ml.pipeline.testing.EventExchange;
import ml.pipeline.testing.EventFixtures;
import ml.pipeline.testing.PipelineStackExtension;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry enforces BACKWARD compatibility: consumers on an old schema keep reading what new producers write. */
@ExtendWith(PipelineStackExtension.class)
class SchemaCompatibilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyEventTopicHasItsSubjectWithBackwardCompatibility(StackConfig stack) {
        SchemaRegistrar registrar = new SchemaRegistrar(stack.schemaRegistry().ccompatUrl());
        for (Topic topic : Topic.values()) {
            assertTrue(registrar.isCompatible(topic.valueSubject(), topic.schema()),
                    topic.valueSubject() + " is registered and accepts its own schema");
        }
    }

    @Test
    void anIncompatibleChangeToARealEventIsRefused(StackConfig stack) throws Exception {
        SchemaRegistrar registrar = new SchemaRegistrar(stack.schemaRegistry().ccompatUrl());
        String subject = Topic.DATASETS_PUBLISHED.valueSubject();
        // A new required field without a default: a new reader cannot read the events already written.
        Schema incompatible = withExtraField(DatasetPublished.getClassSchema(), "owner", "string", false);

        assertFalse(registrar.isCompatible(subject, incompatible));
        assertThrows(SchemaRegistrar.IncompatibleSchemaException.class, () -> registrar.register(subject, incompatible));
    }

    @Test
    void aNewOptionalFieldWrittenByANewProducerIsReadByAnOldReader(StackConfig stack) throws Exception {
        // A scratch topic, so the real subjects keep only the schemas the code has.
        String topic = "compat-test-" + UUID.randomUUID();
        createTopic(stack, topic);
        SchemaRegistrar registrar = new SchemaRegistrar(stack.schemaRegistry().ccompatUrl());
        String subject = Topic.valueSubjectOf(topic);
        registrar.setCompatibility(subject, SchemaRegistrar.BACKWARD);
        registrar.register(subject, DatasetPublished.getClassSchema());

        Schema evolved = withExtraField(DatasetPublished.getClassSchema(), "labelColumn", "string", true);
        assertTrue(registrar.isCompatible(subject, evolved));
        assertThrows(SchemaRegistrar.IncompatibleSchemaException.class,
                () -> registrar.register(subject, withExtraField(DatasetPublished.getClassSchema(), "owner", "string", false)));

        DatasetPublished original = EventFixtures.datasetPublished("compat");
        GenericRecord newEvent = copyInto(original, evolved);
        newEvent.put("labelColumn", "churned");

        try (KafkaConsumer<String, DatasetPublished> oldReader = EventClients.specificAvroConsumer(stack);
             KafkaProducer<String, GenericRecord> newProducer = EventClients.avroProducer(stack)) {
            EventClients.positionAtEnd(oldReader, topic);
            newProducer.send(new ProducerRecord<>(topic, "compat", newEvent)).get();

            ConsumerRecord<String, DatasetPublished> read = EventExchange.awaitRecord(oldReader, r -> true,
                    Duration.ofSeconds(60));
            assertEquals(original, read.value(), "the old reader sees every field it knows, unchanged");
        }
        assertEquals(List.of(1, 2), registrar.versions(subject), "the evolved schema became version 2");
    }

    /** The schema with one more field: optional (nullable, default null) or required (no default). */
    private static Schema withExtraField(Schema schema, String name, String type, boolean optional) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
        ObjectNode field = JSON.createObjectNode().put("name", name).put("doc", "test field");
        if (optional) {
            field.set("type", JSON.createArrayNode().add("null").add(type));
            field.putNull("default");
        } else {
            field.put("type", type);
        }
        ((ArrayNode) json.get("fields")).add(field);
        return new Schema.Parser().parse(json.toString());
    }

    /** The event as a new producer would hold it: a record of the evolved schema with the same values. */
    private static GenericRecord copyInto(DatasetPublished event, Schema evolved) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<DatasetPublished>(DatasetPublished.getClassSchema()).write(event, encoder);
        encoder.flush();
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null);
        return new GenericDatumReader<GenericRecord>(DatasetPublished.getClassSchema(), evolved).read(null, decoder);
    }

    private static void createTopic(StackConfig stack, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }
}

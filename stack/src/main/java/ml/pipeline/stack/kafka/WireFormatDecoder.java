package ml.pipeline.stack.kafka;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import ml.pipeline.stack.provision.SchemaRegistrar;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes record values the way any Confluent-compatible reader does: magic byte 0, a 4-byte
 * schema id resolved through the schema registry's ccompat API, then plain Avro binary. The CLI
 * prints events with it and the tests read them with it, so every test that reads an event also
 * checks the wire format that Kafka UI depends on.
 */
public final class WireFormatDecoder {
    private static final byte MAGIC = 0;
    private static final int HEADER = 5;

    private final SchemaRegistrar registry;
    private final Map<Integer, Schema> writerSchemas = new ConcurrentHashMap<>();

    public WireFormatDecoder(String ccompatUrl) {
        this.registry = new SchemaRegistrar(ccompatUrl);
    }

    /** Whether the bytes start like the Confluent wire format (a poison record does not). */
    public static boolean isWireFormat(byte[] value) {
        return value != null && value.length >= HEADER && value[0] == MAGIC;
    }

    /** Into a generic record of the writer's schema; empty for bytes not in the wire format. */
    public Optional<GenericRecord> decode(byte[] value) {
        if (!isWireFormat(value)) {
            return Optional.empty();
        }
        Schema writer = writerSchema(value);
        return Optional.of(read(new GenericDatumReader<>(writer), value));
    }

    /** Into {@code type}, whatever newer (compatible) schema wrote it. */
    public <T extends SpecificRecord> T decode(byte[] value, Class<T> type) {
        if (!isWireFormat(value)) {
            throw new SerializationException("not the Confluent wire format (magic byte 0): cannot read a " + type.getSimpleName());
        }
        // The class's own loader: test frameworks (Quarkus) load generated classes apart from Avro.
        SpecificData data = new SpecificData(type.getClassLoader());
        return read(new SpecificDatumReader<>(writerSchema(value), data.getSchema(type), data), value);
    }

    /** A Kafka value deserializer reading {@code type} through this decoder. */
    public <T extends SpecificRecord> Deserializer<T> deserializer(Class<T> type) {
        return (topic, bytes) -> bytes == null ? null : decode(bytes, type);
    }

    private Schema writerSchema(byte[] value) {
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        return writerSchemas.computeIfAbsent(id, key -> registry.schemaById(key)
                .orElseThrow(() -> new SerializationException("schema id " + key + " is unknown to the schema registry")));
    }

    private static <T> T read(DatumReader<T> reader, byte[] value) {
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(value, HEADER, value.length - HEADER, null));
        } catch (IOException e) {
            throw new SerializationException("cannot decode an Avro value: " + e.getMessage(), e);
        }
    }
}

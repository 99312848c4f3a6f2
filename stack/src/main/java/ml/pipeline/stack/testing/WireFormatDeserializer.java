package ml.pipeline.stack.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ml.pipeline.stack.provision.SchemaRegistrar;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes a record value the way any Confluent-compatible reader does: magic byte 0, a 4-byte
 * schema id resolved through the registry's ccompat API, then Avro binary read into {@code type}.
 * Tests read events with it, so every test that reads an event also checks the wire format.
 */
public final class WireFormatDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final Class<T> type;
    private final Schema readerSchema;
    private final SchemaRegistrar registry;
    private final Map<Integer, Schema> writerSchemas = new ConcurrentHashMap<>();

    public WireFormatDeserializer(Class<T> type, String ccompatUrl) {
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
        this.registry = new SchemaRegistrar(ccompatUrl);
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (bytes.length < 5 || buffer.get() != 0) {
            throw new SerializationException("not the Confluent wire format (magic byte 0) on " + topic);
        }
        int id = buffer.getInt();
        Schema writer = writerSchemas.computeIfAbsent(id, key -> registry.schemaById(key)
                .orElseThrow(() -> new SerializationException("schema id " + key + " is unknown to the registry")));
        // The class's own loader: test frameworks (Quarkus) load generated classes apart from Avro.
        SpecificData data = new SpecificData(type.getClassLoader());
        try {
            return new SpecificDatumReader<T>(writer, readerSchema, data)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        } catch (IOException e) {
            throw new SerializationException("cannot decode a " + type.getSimpleName() + " on " + topic, e);
        }
    }
}

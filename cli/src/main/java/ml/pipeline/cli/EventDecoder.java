package ml.pipeline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import ml.pipeline.stack.StackException;
import ml.pipeline.stack.provision.SchemaRegistrar;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes record values the way any Confluent-compatible reader does: magic byte 0, a 4-byte
 * schema id resolved through the registry's ccompat API, then plain Avro, into generic records.
 */
final class EventDecoder {
    private final SchemaRegistrar registry;
    private final Map<Integer, Schema> schemas = new HashMap<>();

    EventDecoder(SchemaRegistrar registry) {
        this.registry = registry;
    }

    /** Empty for bytes not in the Confluent wire format (a poison record, say). */
    Optional<GenericRecord> decode(byte[] value) {
        if (value == null || value.length < 5 || value[0] != 0) {
            return Optional.empty();
        }
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        Schema schema = schemas.computeIfAbsent(id, key -> registry.schemaById(key)
                .orElseThrow(() -> new StackException("schema id " + key + " is unknown to the registry")));
        try {
            return Optional.of(new GenericDatumReader<GenericRecord>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a record of schema " + id, e);
        }
    }
}

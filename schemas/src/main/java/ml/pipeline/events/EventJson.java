package ml.pipeline.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * An event as Avro's JSON encoding, for an event kept in the object store beside what it
 * describes (validate's verdict on a dataset, which the evaluation report shows): readable, and
 * read back with the event's own schema.
 */
public final class EventJson {
    private EventJson() {
    }

    public static byte[] write(SpecificRecord event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Encoder encoder = EncoderFactory.get().jsonEncoder(event.getSchema(), out, true);
            new SpecificDatumWriter<SpecificRecord>(event.getSchema()).write(event, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <E extends SpecificRecord> E read(byte[] json, Class<E> type) {
        try {
            SpecificDatumReader<E> reader = new SpecificDatumReader<>(type);
            return reader.read(null, DecoderFactory.get().jsonDecoder(SpecificData.get().getSchema(type),
                    new String(json, StandardCharsets.UTF_8)));
        } catch (IOException | AvroRuntimeException e) {
            throw new UncheckedIOException("not a " + type.getSimpleName() + " in Avro JSON: " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }
}

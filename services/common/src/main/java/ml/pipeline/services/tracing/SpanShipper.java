package ml.pipeline.services.tracing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Sends spans to the registry as JSON records ({@link SpanRecord}) keyed by trace id. A plain
 * Kafka producer, not a messaging channel: a channel's sends are traced, and tracing the
 * shipping of spans would make spans without end. Losing spans never holds up a run: a broker
 * that does not answer fails the batch, which OpenTelemetry drops.
 */
final class SpanShipper implements SpanExporter {
    private static final Logger LOG = Logger.getLogger(SpanShipper.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final KafkaProducer<String, String> producer;

    SpanShipper(String bootstrapServers, String topic, String service) {
        this.topic = topic;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-spans");
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        CompletableResultCode result = new CompletableResultCode();
        AtomicInteger pending = new AtomicInteger(spans.size());
        if (spans.isEmpty()) {
            return result.succeed();
        }
        for (SpanData span : spans) {
            String json;
            try {
                json = JSON.writeValueAsString(SpanRecord.of(span));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a span that does not write as JSON: " + span.getName(), e);
            }
            try {
                producer.send(new ProducerRecord<>(topic, span.getTraceId(), json), (metadata, error) -> {
                    if (error != null) {
                        LOG.debugf("a span was not shipped: %s", error.toString());
                        result.fail();
                    } else if (pending.decrementAndGet() == 0) {
                        result.succeed();
                    }
                });
            } catch (RuntimeException e) {
                LOG.debugf("spans were not shipped: %s", e.toString());
                return result.fail();
            }
        }
        return result;
    }

    @Override
    public CompletableResultCode flush() {
        producer.flush();
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        producer.close(java.time.Duration.ofSeconds(5));
        return CompletableResultCode.ofSuccess();
    }
}

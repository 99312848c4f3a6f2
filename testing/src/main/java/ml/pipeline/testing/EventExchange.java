package ml.pipeline.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import ml.pipeline.events.EventKeys;
import ml.pipeline.events.EventMetas;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.StackConfig;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The one send-and-await of the tests, against the shared test stack: an event goes to its
 * topic keyed by its pipeline, as a service would send it, and the test waits, with a deadline,
 * for the events it caused (their causationId is its eventId), read in the Confluent wire format.
 */
public final class EventExchange {
    /** Long enough for a cold service to start consuming and train a small model on 2 cores. */
    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    private EventExchange() {
    }

    /** Sends the event to the topic that carries its type; returns once the broker has it. */
    public static void send(SpecificRecord event) {
        send(Topic.of(event.getClass()).topicName(), event);
    }

    /** Sends the event to a topic of the test's choosing (a scratch topic, say). */
    public static void send(String topic, SpecificRecord event) {
        try (KafkaProducer<String, SpecificRecord> producer = EventClients.avroProducer(stack())) {
            producer.send(new ProducerRecord<>(topic, EventKeys.of(EventMetas.of(event)), event)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("the broker did not take a " + event.getSchema().getName() + ": " + e, e);
        }
    }

    /** Sends bytes that are no event (a poison record). */
    public static void sendBytes(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = EventClients.rawProducer(stack())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("the broker did not take the bytes: " + e, e);
        }
    }

    /** Sends {@code event} and returns the first {@code reply} it caused. */
    public static <T extends SpecificRecord> T sendAndAwait(SpecificRecord event, Class<T> reply) {
        return sendAndCollect(event, reply, any -> true).getLast();
    }

    /**
     * Sends {@code event} and collects every {@code reply} it caused, in order, up to and including
     * the first that is {@code last}.
     */
    public static <T extends SpecificRecord> List<T> sendAndCollect(SpecificRecord event, Class<T> reply, Predicate<T> last) {
        String cause = EventMetas.of(event).getEventId();
        List<T> caused = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = watch(reply)) {
            send(event);
            awaitRecord(consumer, record -> {
                T value = record.value();
                if (!cause.equals(EventMetas.of(value).getCausationId())) {
                    return false;
                }
                caused.add(value);
                return last.test(value);
            });
        }
        return caused;
    }

    /** A consumer of {@code type}'s topic from its end: for events a test causes by other means (REST, the CLI). */
    public static <T extends SpecificRecord> KafkaConsumer<String, T> watch(Class<T> type) {
        KafkaConsumer<String, T> consumer = EventClients.eventConsumer(stack(), type);
        EventClients.positionAtEnd(consumer, Topic.of(type).topicName());
        return consumer;
    }

    /** Polls until a record matches, or fails after {@link #TIMEOUT}. */
    public static <V> ConsumerRecord<String, V> awaitRecord(KafkaConsumer<String, V> consumer,
            Predicate<ConsumerRecord<String, V>> matches) {
        return awaitRecord(consumer, matches, TIMEOUT);
    }

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

    private static StackConfig stack() {
        return SharedTestStack.ensureRunning();
    }
}

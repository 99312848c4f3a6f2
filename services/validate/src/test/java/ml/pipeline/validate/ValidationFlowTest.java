package ml.pipeline.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import ml.pipeline.core.ContentHash;
import ml.pipeline.core.EventMetas;
import ml.pipeline.core.storage.ObjectStore;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.DatasetRejected;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.EventKeys;
import ml.pipeline.events.RejectionReason;
import ml.pipeline.events.SpecRef;
import ml.pipeline.events.StageFailed;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.testing.EventTestClients;
import ml.pipeline.stack.testing.PipelineStackResource;
import ml.pipeline.stack.testing.SharedTestStack;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Through the real stack: DatasetPublished in, DatasetValidated / DatasetRejected / StageFailed out. */
@QuarkusTest
@WithTestResource(PipelineStackResource.class)
class ValidationFlowTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String SPEC = """
            pipeline: %s
            dataset:
              label: y
              minRows: 10
              columns:
                - {name: x, type: numeric, nullable: false, min: 0}
                - {name: plan, type: categorical, categories: [basic, pro]}
                - {name: y, type: numeric}
            model: {type: logistic}
            """;

    @Inject
    ObjectStore store;

    @Test
    void aDatasetThatMeetsItsContractIsValidatedAndProfiled() {
        StringBuilder csv = new StringBuilder("x,plan,y\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i).append(',').append(i % 2 == 0 ? "basic" : "pro").append(',').append(i % 2).append('\n');
        }
        DatasetPublished published = publishable(csv.toString());
        DatasetValidated validated = sendAndAwait(published, DatasetValidated.class, Topic.DATASETS_VALIDATED,
                e -> e.getMeta().getCausationId().equals(published.getMeta().getEventId()));

        assertEquals(published.getMeta().getRunId(), validated.getMeta().getRunId());
        assertEquals(published.getDataset(), validated.getDataset());
        assertEquals(20.0, validated.getQuality().get("rows"));
        S3Uri profile = S3Uri.parse(validated.getProfileUri());
        assertEquals(StorageLayout.profile(published.getDataset().getName(), published.getDataset().getVersion()), profile);
        String json = new String(store.read(profile).orElseThrow(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"p50\""), json);
    }

    @Test
    void aDatasetThatBreaksItsContractIsRejectedWithEveryReason() {
        DatasetPublished published = publishable("x,plan,y\n-1,gold,0\nabc,basic,0\n");
        DatasetRejected rejected = sendAndAwait(published, DatasetRejected.class, Topic.DATASETS_REJECTED,
                e -> e.getMeta().getCausationId().equals(published.getMeta().getEventId()));
        List<String> codes = rejected.getReasons().stream().map(RejectionReason::getCode).toList();
        assertEquals(List.of("TOO_FEW_ROWS", "NOT_NUMERIC", "BELOW_MIN", "UNKNOWN_CATEGORY", "LABEL_ONE_CLASS"), codes);
    }

    @Test
    void aDatasetThatIsNotThereIsAStageFailureNotAStuckConsumer() {
        DatasetPublished published = publishable("x,plan,y\n1,basic,0\n");
        published.getDataset().setUri("s3://datasets/missing/" + UUID.randomUUID() + "/data.csv");
        StageFailed failed = sendAndAwait(published, StageFailed.class, Topic.PIPELINE_FAILURES,
                e -> e.getMeta().getCausationId().equals(published.getMeta().getEventId()));
        assertEquals("validate", failed.getStage());
        assertFalse(failed.getRetryable(), "a missing object will not appear by retrying");
        assertEquals(Topic.DATASETS_PUBLISHED.topicName(), failed.getCauseTopic());
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheConsumerGoesOn() throws Exception {
        StackConfig stack = SharedTestStack.ensureRunning();
        byte[] poison = "not an event".getBytes(StandardCharsets.UTF_8);
        String key = "poison-" + UUID.randomUUID();
        try (KafkaConsumer<String, byte[]> deadLetters = EventTestClients.rawConsumer(stack)) {
            EventTestClients.positionAtEnd(deadLetters, Topic.DATASETS_PUBLISHED.deadLetterTopic());
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(java.util.Map.of(
                    org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()),
                    new org.apache.kafka.common.serialization.StringSerializer(),
                    new org.apache.kafka.common.serialization.ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topic.DATASETS_PUBLISHED.topicName(), key, poison)).get();
            }
            ConsumerRecord<String, byte[]> parked = EventTestClients.awaitRecord(deadLetters, r -> key.equals(r.key()), TIMEOUT);
            org.junit.jupiter.api.Assertions.assertArrayEquals(poison, parked.value(), "the original bytes are kept");
            assertTrue(EventTestClients.header(parked, "dead-letter-reason").isPresent(), "the error travels in headers");
        }
        // The consumer was not stopped by it: the next dataset is validated as usual.
        aDatasetThatMeetsItsContractIsValidatedAndProfiled();
    }

    /** A dataset and its spec snapshot in the store, and the event ingest would emit for them. */
    private DatasetPublished publishable(String csv) {
        String pipeline = "validate-test-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] spec = SPEC.formatted(pipeline).getBytes(StandardCharsets.UTF_8);
        S3Uri specUri = StorageLayout.specSnapshot(ContentHash.sha256(spec));
        store.put(specUri, spec, "application/yaml");
        byte[] data = csv.getBytes(StandardCharsets.UTF_8);
        String sha = ContentHash.sha256(data);
        S3Uri dataUri = StorageLayout.dataset(pipeline, sha, "csv");
        store.put(dataUri, data, "text/csv");
        return DatasetPublished.newBuilder()
                .setMeta(new EventMetas("validate-test", "0", Clock.systemUTC()).startRun(pipeline))
                .setDataset(DatasetRef.newBuilder().setName(pipeline).setVersion(sha).setUri(dataUri.toString()).build())
                .setFormat("csv").setSizeBytes(data.length).setRows(null).setSource("upload")
                .setSpec(SpecRef.newBuilder().setUri(specUri.toString()).setHash(ContentHash.sha256(spec)).build())
                .build();
    }

    private static <T extends SpecificRecord> T sendAndAwait(DatasetPublished event, Class<T> type, Topic topic,
            Predicate<T> matches) {
        StackConfig stack = SharedTestStack.ensureRunning();
        try (KafkaConsumer<String, T> consumer = EventTestClients.eventConsumer(stack, type);
             KafkaProducer<String, DatasetPublished> producer = EventTestClients.avroProducer(stack)) {
            EventTestClients.positionAtEnd(consumer, topic.topicName());
            producer.send(new ProducerRecord<>(Topic.DATASETS_PUBLISHED.topicName(), EventKeys.of(event.getMeta()), event));
            ConsumerRecord<String, T> record = EventTestClients.awaitRecord(consumer, r -> matches.test(r.value()), TIMEOUT);
            return record.value();
        }
    }
}

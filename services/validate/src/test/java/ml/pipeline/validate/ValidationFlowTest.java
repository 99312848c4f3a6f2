package ml.pipeline.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.ColumnLeakScore;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.DatasetRejected;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.EventJson;
import ml.pipeline.events.RejectionReason;
import ml.pipeline.events.SpecRef;
import ml.pipeline.events.StageFailed;
import ml.pipeline.events.Topic;
import ml.pipeline.services.storage.ObjectStore;
import ml.pipeline.testing.EventClients;
import ml.pipeline.testing.EventExchange;
import ml.pipeline.testing.EventFixtures;
import ml.pipeline.testing.PipelineStackResource;
import ml.pipeline.testing.SharedTestStack;
import ml.pipeline.testing.StoredInputs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/** Through the real stack: DatasetPublished in, DatasetValidated / DatasetRejected / StageFailed out. */
@QuarkusTest
@WithTestResource(PipelineStackResource.class)
class ValidationFlowTest {
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
        DatasetValidated validated = EventExchange.sendAndAwait(published, DatasetValidated.class);

        assertEquals(published.getMeta().getRunId(), validated.getMeta().getRunId());
        assertEquals(published.getDataset(), validated.getDataset());
        assertEquals(20.0, validated.getQuality().get("rows"));
        assertEquals(1.0, validated.getQuality().get("completeness.x"));
        assertEquals(0.0, validated.getQuality().get("duplicateRows"));
        assertEquals(List.of("x", "plan"), validated.getLeakage().stream().map(ColumnLeakScore::getColumn).toList(),
                "every feature's separation of the label is reported, leak or not");
        assertTrue(validated.getSchemaChanges().isEmpty(), validated.getSchemaChanges().toString());
        S3Uri profile = S3Uri.parse(validated.getProfileUri());
        assertEquals(StorageLayout.profile(published.getDataset().getName(), published.getDataset().getVersion()), profile);
        String json = new String(store.read(profile).orElseThrow(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"p50\""), json);
        S3Uri kept = StorageLayout.validation(published.getDataset().getName(), published.getDataset().getVersion(),
                published.getSpec().getHash());
        assertEquals(validated, EventJson.read(store.read(kept).orElseThrow(), DatasetValidated.class),
                "the verdict kept beside the dataset, for the evaluation report");
    }

    @Test
    void aDatasetThatBreaksItsContractIsRejectedWithEveryReason() {
        DatasetPublished published = publishable("x,plan,y\n-1,gold,0\nabc,basic,0\n");
        DatasetRejected rejected = EventExchange.sendAndAwait(published, DatasetRejected.class);
        List<String> codes = rejected.getReasons().stream().map(RejectionReason::getCode).toList();
        assertEquals(List.of("TOO_FEW_ROWS", "NOT_NUMERIC", "BELOW_MIN", "UNKNOWN_CATEGORY", "LABEL_ONE_CLASS"), codes);
    }

    @Test
    void aLeakingFeatureIsRefusedNamingItAndAnAddedColumnIsNamedInSchemaChanges() {
        StringBuilder csv = new StringBuilder("x,plan,y,note\n");
        for (int i = 0; i < 40; i++) {
            // x is the label plus a little: it separates the classes perfectly.
            csv.append(i % 2 * 10 + i % 5).append(',').append(i % 3 == 0 ? "basic" : "pro").append(',').append(i % 2)
                    .append(",n").append(i).append('\n');
        }
        DatasetPublished published = publishable(csv.toString(), SPEC + "leakage: {auc: {reject: 0.99}}\n");
        DatasetRejected rejected = EventExchange.sendAndAwait(published, DatasetRejected.class);
        RejectionReason leak = rejected.getReasons().getFirst();
        assertEquals("TARGET_LEAK", leak.getCode(), rejected.getReasons().toString());
        assertEquals("x", leak.getColumn());
        assertTrue(leak.getMessage().contains("ROC AUC 1.0000") && leak.getMessage().contains("0.99"), leak.getMessage());

        DatasetValidated warned = EventExchange.sendAndAwait(publishable(csv.toString()), DatasetValidated.class);
        assertTrue(warned.getWarnings().stream().anyMatch(w -> w.contains("'x' alone separates the label")), warned.getWarnings().toString());
        assertEquals(List.of("note added against contract"), warned.getSchemaChanges().stream()
                .map(c -> c.getColumn() + " " + c.getChange() + " against " + c.getAgainst()).toList());
    }

    @Test
    void aDatasetThatIsNotThereIsAStageFailureNotAStuckConsumer() {
        DatasetPublished published = publishable("x,plan,y\n1,basic,0\n");
        published.getDataset().setUri("s3://datasets/missing/" + UUID.randomUUID() + "/data.csv");
        StageFailed failed = EventExchange.sendAndAwait(published, StageFailed.class);
        assertEquals("validate", failed.getStage());
        assertFalse(failed.getRetryable(), "a missing object will not appear by retrying");
        assertEquals(Topic.DATASETS_PUBLISHED.topicName(), failed.getCauseTopic());
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        byte[] poison = "not an event".getBytes(StandardCharsets.UTF_8);
        String key = "poison-" + UUID.randomUUID();
        try (KafkaConsumer<String, byte[]> deadLetters = EventClients.rawConsumer(SharedTestStack.ensureRunning())) {
            EventClients.positionAtEnd(deadLetters, Topic.DATASETS_PUBLISHED.deadLetterTopic());
            EventExchange.sendBytes(Topic.DATASETS_PUBLISHED.topicName(), key, poison);
            ConsumerRecord<String, byte[]> parked = EventExchange.awaitRecord(deadLetters, r -> key.equals(r.key()));
            assertArrayEquals(poison, parked.value(), "the original bytes are kept");
            assertTrue(EventClients.header(parked, "dead-letter-reason").isPresent(), "the error travels in headers");
        }
        // The consumer was not stopped by it: the next dataset is validated as usual.
        aDatasetThatMeetsItsContractIsValidatedAndProfiled();
    }

    /** A dataset and its spec snapshot in the store, and the event ingest would emit for them. */
    private DatasetPublished publishable(String csv) {
        return publishable(csv, SPEC);
    }

    private DatasetPublished publishable(String csv, String specTemplate) {
        String pipeline = EventFixtures.newPipeline("validate-test");
        SpecRef spec = StoredInputs.spec(store::put, specTemplate.formatted(pipeline));
        DatasetRef dataset = StoredInputs.dataset(store::put, pipeline, csv);
        DatasetPublished published = EventFixtures.datasetPublished(EventFixtures.METAS.startRun(pipeline), dataset, spec);
        published.setSizeBytes(csv.getBytes(StandardCharsets.UTF_8).length);
        published.setSource("upload");
        return published;
    }
}

package ml.pipeline.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ml.pipeline.core.ContentHash;
import ml.pipeline.core.EventMetas;
import ml.pipeline.core.features.FeatureTransform;
import ml.pipeline.core.features.SplitFiles;
import ml.pipeline.core.storage.ObjectStore;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.DriftSummary;
import ml.pipeline.events.EventKeys;
import ml.pipeline.events.FeatureSplit;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.events.SpecRef;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.testing.EventTestClients;
import ml.pipeline.stack.testing.PipelineStackResource;
import ml.pipeline.stack.testing.SharedTestStack;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Through the real stack: DatasetValidated in, splits + transform.json stored, FeaturesReady out. */
@QuarkusTest
@WithTestResource(PipelineStackResource.class)
class FeatureFlowTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Inject
    ObjectStore store;

    @Test
    void aValidatedDatasetBecomesStoredSplitsAndATransform() throws Exception {
        DatasetValidated validated = validatedDataset(100);
        FeaturesReady ready = sendAndAwait(validated);

        assertEquals(validated.getMeta().getRunId(), ready.getMeta().getRunId());
        assertEquals(List.of("train", "validation", "holdout"), ready.getSplits().stream().map(FeatureSplit::getName).toList());
        assertEquals(100, ready.getSplits().stream().mapToLong(FeatureSplit::getRows).sum());
        assertEquals(List.of("x", "plan=b", "plan=a", "plan=<unknown>"), ready.getFeatureNames(), "most frequent first");
        S3Uri folder = S3Uri.parse(ready.getFeatures().getUri());
        assertTrue(store.exists(folder.resolve(StorageLayout.COMPLETE)), "complete marker written last");

        FeatureSplit train = ready.getSplits().get(0);
        SplitFiles.Examples examples = SplitFiles.read(new StringReader(new String(
                store.read(S3Uri.parse(train.getUri())).orElseThrow(), StandardCharsets.UTF_8)));
        assertEquals(train.getRows(), examples.size());
        FeatureTransform transform = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                store.read(S3Uri.parse(ready.getFeatures().getTransformUri())).orElseThrow(), FeatureTransform.class);
        assertEquals(ready.getFeatureNames(), transform.featureNames());

        long holdoutRows = ready.getSplits().get(2).getRows();
        String rawHoldout = new String(store.read(folder.resolve(StorageLayout.RAW_HOLDOUT)).orElseThrow(),
                StandardCharsets.UTF_8);
        assertEquals(holdoutRows + 1, rawHoldout.lines().count(), "the raw holdout: header and every holdout row");
        assertTrue(rawHoldout.startsWith("x,plan,y\n"), rawHoldout);

        FeaturesReady again = sendAndAwait(validated);
        assertEquals(ready.getFeatures(), again.getFeatures(), "a redelivered event finds the same features");
    }

    private DatasetValidated validatedDataset(int rows) {
        String pipeline = "features-test-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] spec = ("""
                pipeline: %s
                dataset:
                  label: y
                  columns: [{name: x, type: numeric}, {name: plan, type: categorical}, {name: y, type: numeric}]
                model: {type: logistic}
                """.formatted(pipeline)).getBytes(StandardCharsets.UTF_8);
        S3Uri specUri = StorageLayout.specSnapshot(ContentHash.sha256(spec));
        store.put(specUri, spec, "application/yaml");
        StringBuilder csv = new StringBuilder("x,plan,y\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i % 10).append(',').append(i % 3 == 0 ? "a" : "b").append(',').append(i % 2).append('\n');
        }
        byte[] data = csv.toString().getBytes(StandardCharsets.UTF_8);
        String sha = ContentHash.sha256(data);
        S3Uri dataUri = StorageLayout.dataset(pipeline, sha, "csv");
        store.put(dataUri, data, "text/csv");
        return DatasetValidated.newBuilder()
                .setMeta(new EventMetas("features-test", "0", Clock.systemUTC()).startRun(pipeline))
                .setDataset(DatasetRef.newBuilder().setName(pipeline).setVersion(sha).setUri(dataUri.toString()).build())
                .setSpec(SpecRef.newBuilder().setUri(specUri.toString()).setHash(ContentHash.sha256(spec)).build())
                .setProfileUri(StorageLayout.profile(pipeline, sha).toString())
                .setQuality(Map.of("rows", (double) rows))
                .setDrift(DriftSummary.newBuilder().setColumnScores(Map.of()).setDriftedColumns(List.of()).build())
                .setWarnings(List.of())
                .build();
    }

    private static FeaturesReady sendAndAwait(DatasetValidated event) {
        StackConfig stack = SharedTestStack.ensureRunning();
        try (KafkaConsumer<String, FeaturesReady> consumer = EventTestClients.eventConsumer(stack, FeaturesReady.class);
             KafkaProducer<String, DatasetValidated> producer = EventTestClients.avroProducer(stack)) {
            EventTestClients.positionAtEnd(consumer, Topic.FEATURES_READY.topicName());
            producer.send(new ProducerRecord<>(Topic.DATASETS_VALIDATED.topicName(), EventKeys.of(event.getMeta()), event));
            return EventTestClients.awaitRecord(consumer,
                    r -> r.value().getMeta().getCausationId().equals(event.getMeta().getEventId()), TIMEOUT).value();
        }
    }
}

package ml.pipeline.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import ml.pipeline.core.ContentHash;
import ml.pipeline.core.EventMetas;
import ml.pipeline.core.features.SplitFiles;
import ml.pipeline.core.storage.ObjectStore;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.EventKeys;
import ml.pipeline.events.FeatureSplit;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.events.FeaturesRef;
import ml.pipeline.events.SpecRef;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.testing.EventTestClients;
import ml.pipeline.stack.testing.PipelineStackResource;
import ml.pipeline.stack.testing.SharedTestStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Through the real stack: FeaturesReady in, DJL training, checkpoints in S3, CheckpointWritten out. */
@QuarkusTest
@WithTestResource(PipelineStackResource.class)
class TrainingFlowTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Inject
    ObjectStore store;

    @Test
    void featuresAreTrainedOnWithCheckpointsTheLastFinal() throws Exception {
        FeaturesReady ready = featuresReady();
        List<CheckpointWritten> written = sendAndCollectUntilFinal(ready);

        // 120 train rows / batch 20 = 6 steps per epoch, 4 epochs = 24 steps; every 5 steps + the last.
        assertEquals(List.of(5L, 10L, 15L, 20L, 24L), written.stream().map(CheckpointWritten::getStep).toList());
        CheckpointWritten last = written.getLast();
        assertTrue(last.getFinalCheckpoint());
        assertTrue(last.getDevice().startsWith("cpu") || last.getDevice().startsWith("gpu"), last.getDevice());
        assertTrue(last.getMetrics().get("val_accuracy") > 0.8, "learnt: " + last.getMetrics());
        assertTrue(store.exists(S3Uri.parse(last.getUri()).resolve(StorageLayout.COMPLETE)));
        long kept = store.list(StorageLayout.checkpoints(last.getModelName(), last.getTrainingRunId())).stream()
                .filter(uri -> uri.fileName().equals(StorageLayout.COMPLETE)).count();
        assertEquals(2, kept, "keepCheckpoints: 2");

        List<CheckpointWritten> again = sendAndCollectUntilFinal(ready);
        assertEquals(1, again.size(), "a finished run is not trained again");
        assertEquals(last.getUri(), again.getFirst().getUri());
        assertEquals(last.getTrainingRunId(), again.getFirst().getTrainingRunId());
    }

    private FeaturesReady featuresReady() throws Exception {
        String pipeline = "trainer-test-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] spec = ("""
                pipeline: %s
                dataset:
                  label: y
                  columns: [{name: a, type: numeric}, {name: b, type: numeric}, {name: y, type: numeric}]
                model: {type: mlp, hiddenLayers: [8], epochs: 4, batchSize: 20, learningRate: 0.05,
                        checkpointEverySteps: 5, keepCheckpoints: 2}
                """.formatted(pipeline)).getBytes(StandardCharsets.UTF_8);
        S3Uri specUri = StorageLayout.specSnapshot(ContentHash.sha256(spec));
        store.put(specUri, spec, "application/yaml");
        S3Uri folder = StorageLayout.features(pipeline, "0".repeat(64), "1".repeat(64));
        List<FeatureSplit> splits = new ArrayList<>();
        for (String split : List.of("train", "validation", "holdout")) {
            int rows = split.equals("train") ? 120 : 40;
            S3Uri uri = folder.resolve(split + ".csv");
            store.put(uri, separable(rows, split.hashCode()), "text/csv");
            splits.add(FeatureSplit.newBuilder().setName(split).setUri(uri.toString()).setRows(rows).build());
        }
        return FeaturesReady.newBuilder()
                .setMeta(new EventMetas("trainer-test", "0", Clock.systemUTC()).startRun(pipeline))
                .setDataset(DatasetRef.newBuilder().setName(pipeline).setVersion("0".repeat(64)).setUri("s3://datasets/x").build())
                .setSpec(SpecRef.newBuilder().setUri(specUri.toString()).setHash(ContentHash.sha256(spec)).build())
                .setFeatures(FeaturesRef.newBuilder().setTransformVersion("1".repeat(64)).setUri(folder.toString())
                        .setTransformUri(folder.resolve("transform.json").toString()).build())
                .setSplits(splits)
                .setFeatureNames(List.of("a", "b"))
                .setLabel("y")
                .build();
    }

    private static byte[] separable(int rows, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        StringWriter text = new StringWriter();
        try (SplitFiles.SplitWriter writer = new SplitFiles.SplitWriter(text, List.of("a", "b"))) {
            for (int i = 0; i < rows; i++) {
                float a = (float) random.nextGaussian();
                float b = (float) random.nextGaussian();
                writer.write(new float[] {a, b}, a - b > 0 ? 1 : 0);
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<CheckpointWritten> sendAndCollectUntilFinal(FeaturesReady event) {
        StackConfig stack = SharedTestStack.ensureRunning();
        List<CheckpointWritten> written = new ArrayList<>();
        try (KafkaConsumer<String, CheckpointWritten> consumer = EventTestClients.eventConsumer(stack, CheckpointWritten.class);
             KafkaProducer<String, FeaturesReady> producer = EventTestClients.avroProducer(stack)) {
            EventTestClients.positionAtEnd(consumer, Topic.CHECKPOINTS_WRITTEN.topicName());
            producer.send(new ProducerRecord<>(Topic.FEATURES_READY.topicName(), EventKeys.of(event.getMeta()), event));
            ConsumerRecord<String, CheckpointWritten> finalRecord = EventTestClients.awaitRecord(consumer, r -> {
                if (r.value().getMeta().getCausationId().equals(event.getMeta().getEventId())) {
                    written.add(r.value());
                    return r.value().getFinalCheckpoint();
                }
                return false;
            }, TIMEOUT);
            return written;
        }
    }
}

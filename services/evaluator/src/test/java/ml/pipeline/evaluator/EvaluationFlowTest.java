package ml.pipeline.evaluator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import ml.pipeline.core.ContentHash;
import ml.pipeline.core.EventMetas;
import ml.pipeline.core.features.FeatureTransform;
import ml.pipeline.core.spec.ModelSpec;
import ml.pipeline.core.spec.ModelType;
import ml.pipeline.core.storage.ObjectStore;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.evaluator.domain.ProductionModels;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.EventKeys;
import ml.pipeline.events.FeaturesRef;
import ml.pipeline.events.GateCheck;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.SpecRef;
import ml.pipeline.events.Topic;
import ml.pipeline.modeling.ModelBlocks;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.testing.EventTestClients;
import ml.pipeline.stack.testing.PipelineStackResource;
import ml.pipeline.stack.testing.SharedTestStack;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Through the real stack: a final checkpoint in, scored against the gate and production, ModelEvaluated out. */
@QuarkusTest
@WithTestResource(PipelineStackResource.class)
class EvaluationFlowTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelSpec LOGISTIC = new ModelSpec(null, ModelType.LOGISTIC, List.of(), 1, 1, 0.1, 1L, 1, 1);

    @Inject
    ObjectStore store;

    @Inject
    ProductionModels production;

    @Test
    void aGoodCandidatePassesWhenNothingIsInProduction() throws Exception {
        Scenario run = new Scenario();
        ModelEvaluated evaluated = sendAndAwait(run.checkpoint(parameters(5, -5)), run);
        assertTrue(evaluated.getPassed(), evaluated.getChecks().toString());
        assertNull(evaluated.getBaseline());
        assertTrue(evaluated.getCandidateMetrics().get("roc_auc") > 0.95, evaluated.getCandidateMetrics().toString());
        assertEquals(List.of("plan=a", "plan=b"), evaluated.getSliceMetrics().stream().map(s -> s.getSlice()).toList());
        assertTrue(store.exists(S3Uri.parse(evaluated.getReportUri())));
        S3Uri artifact = S3Uri.parse(evaluated.getCandidate().getUri());
        assertEquals(StorageLayout.artifact(run.pipeline, evaluated.getCandidate().getTrainingRunId()), artifact);
        assertTrue(store.exists(artifact.resolve(StorageLayout.COMPLETE)), "the candidate's artifact, complete");
    }

    @Test
    void aCandidateWorseThanProductionIsRefusedWithTheReason() throws Exception {
        Scenario run = new Scenario();
        S3Uri artifact = StorageLayout.artifact(run.pipeline, "prod-run");
        store.put(artifact.resolve(StorageLayout.PARAMETERS), parameters(5, -5), "application/octet-stream");
        store.put(artifact.resolve(StorageLayout.MODEL_SPEC), JSON.writeValueAsBytes(LOGISTIC), "application/json");
        ModelPromoted promoted = ModelPromoted.newBuilder()
                .setMeta(new EventMetas("evaluator-test", "0", Clock.systemUTC()).startRun(run.pipeline))
                .setDataset(run.dataset).setSpec(run.spec).setModelName(run.pipeline).setVersion(1)
                .setStage("production").setPreviousVersion(null).setArtifactUri(artifact.toString())
                .setTransformUri(run.transformUri.toString()).setMetrics(Map.of()).setReason("test")
                .setPromotedBy("test").build();
        send(Topic.MODELS_PROMOTED.topicName(), promoted);
        await().atMost(TIMEOUT).until(() -> production.current(run.pipeline).isPresent());

        ModelEvaluated evaluated = sendAndAwait(run.checkpoint(parameters(-5, 5)), run);
        assertFalse(evaluated.getPassed());
        assertEquals(1, evaluated.getBaseline().getVersion());
        assertEquals("prod-run", evaluated.getBaseline().getTrainingRunId());
        assertTrue(evaluated.getBaselineMetrics().get("roc_auc") > 0.95);
        GateCheck improvement = evaluated.getChecks().stream().filter(c -> c.getName().contains("production"))
                .findFirst().orElseThrow();
        assertFalse(improvement.getPassed());
        assertTrue(improvement.getReason().contains("production"), improvement.getReason());
    }

    /** A pipeline's spec, features folder (transform + raw holdout) and dataset in the store. */
    private final class Scenario {
        final String pipeline = "evaluator-test-" + UUID.randomUUID().toString().substring(0, 8);
        final DatasetRef dataset = DatasetRef.newBuilder().setName(pipeline).setVersion("0".repeat(64))
                .setUri("s3://datasets/x").build();
        final SpecRef spec;
        final S3Uri features = StorageLayout.features(pipeline, "0".repeat(64), "2".repeat(64));
        final S3Uri transformUri = features.resolve(StorageLayout.TRANSFORM);

        Scenario() throws Exception {
            byte[] yaml = ("""
                    pipeline: %s
                    dataset:
                      label: y
                      columns: [{name: a, type: numeric}, {name: b, type: numeric}, {name: plan, type: categorical},
                                {name: y, type: numeric}]
                    model: {type: logistic}
                    evaluation: {minimums: {roc_auc: 0.8}, slices: [plan], minImprovement: 0.01}
                    """.formatted(pipeline)).getBytes(StandardCharsets.UTF_8);
            S3Uri specUri = StorageLayout.specSnapshot(ContentHash.sha256(yaml));
            store.put(specUri, yaml, "application/yaml");
            spec = SpecRef.newBuilder().setUri(specUri.toString()).setHash(ContentHash.sha256(yaml)).build();
            FeatureTransform transform = new FeatureTransform(List.of(
                    new FeatureTransform.Numeric("a", 0, 0, 1), new FeatureTransform.Numeric("b", 0, 0, 1)),
                    new FeatureTransform.Label("y", List.of("0", "1")));
            store.put(transformUri, JSON.writeValueAsBytes(transform), "application/json");
            StringBuilder raw = new StringBuilder("a,b,plan,y\n");
            SplittableRandom random = new SplittableRandom(9);
            for (int i = 0; i < 60; i++) {
                double a = random.nextGaussian();
                double b = random.nextGaussian();
                raw.append(String.format("%.4f,%.4f,%s,%d%n", a, b, i % 2 == 0 ? "a" : "b", a - b > 0 ? 1 : 0));
            }
            store.put(features.resolve(StorageLayout.RAW_HOLDOUT), raw.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        }

        CheckpointWritten checkpoint(byte[] parameters) {
            String runId = UUID.randomUUID().toString().substring(0, 8);
            S3Uri folder = StorageLayout.checkpoint(pipeline, runId, 10);
            store.put(folder.resolve(StorageLayout.PARAMETERS), parameters, "application/octet-stream");
            return CheckpointWritten.newBuilder()
                    .setMeta(new EventMetas("evaluator-test", "0", Clock.systemUTC()).startRun(pipeline))
                    .setDataset(dataset).setSpec(spec)
                    .setFeatures(FeaturesRef.newBuilder().setTransformVersion("2".repeat(64)).setUri(features.toString())
                            .setTransformUri(transformUri.toString()).build())
                    .setModelName(pipeline).setTrainingRunId(runId).setTrial(0).setStep(10).setEpoch(1)
                    .setUri(folder.toString()).setMetrics(Map.of()).setFinalCheckpoint(true).setDevice("cpu()")
                    .build();
        }
    }

    /** A logistic model with chosen weights: (5, -5) scores the rule a - b > 0 well, (-5, 5) backwards. */
    private static byte[] parameters(float weightA, float weightB) throws Exception {
        Block block = ModelBlocks.of(LOGISTIC);
        try (Model model = Model.newInstance("chosen"); NDManager manager = model.getNDManager()) {
            model.setBlock(block);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            var parameters = block.getParameters();
            parameters.get(0).getValue().getArray().set(FloatBuffer.wrap(new float[] {weightA, weightB}));
            parameters.get(1).getValue().getArray().set(FloatBuffer.wrap(new float[] {0}));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                block.saveParameters(out);
            }
            return bytes.toByteArray();
        }
    }

    private static <E extends SpecificRecord> void send(String topic, E event) throws Exception {
        try (KafkaProducer<String, E> producer = EventTestClients.avroProducer(SharedTestStack.ensureRunning())) {
            producer.send(new ProducerRecord<>(topic, EventKeys.forPipeline(((ml.pipeline.events.EventMeta)
                    event.get(0)).getPipeline()), event)).get();
        }
    }

    private static ModelEvaluated sendAndAwait(CheckpointWritten checkpoint, Scenario run) throws Exception {
        StackConfig stack = SharedTestStack.ensureRunning();
        try (KafkaConsumer<String, ModelEvaluated> consumer = EventTestClients.eventConsumer(stack, ModelEvaluated.class)) {
            EventTestClients.positionAtEnd(consumer, Topic.MODELS_EVALUATED.topicName());
            send(Topic.CHECKPOINTS_WRITTEN.topicName(), checkpoint);
            return EventTestClients.awaitRecord(consumer,
                    r -> r.value().getMeta().getCausationId().equals(checkpoint.getMeta().getEventId()), TIMEOUT).value();
        }
    }
}

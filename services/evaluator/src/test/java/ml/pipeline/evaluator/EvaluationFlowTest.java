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
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import ml.pipeline.core.features.FeatureTransform;
import ml.pipeline.core.spec.ModelSpec;
import ml.pipeline.core.spec.ModelType;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.evaluator.service.BaselineService;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.EvaluationRequested;
import ml.pipeline.events.FeaturesRef;
import ml.pipeline.events.GateCheck;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelRef;
import ml.pipeline.events.SpecRef;
import ml.pipeline.modeling.ModelBlocks;
import ml.pipeline.services.storage.ObjectStore;
import ml.pipeline.testing.EventExchange;
import ml.pipeline.testing.EventFixtures;
import ml.pipeline.testing.PipelineStackResource;
import ml.pipeline.testing.StoredInputs;
import org.junit.jupiter.api.Test;

/** Through the real stack: a final checkpoint in, scored against the gate and production, ModelEvaluated out. */
@QuarkusTest
@WithTestResource(PipelineStackResource.class)
class EvaluationFlowTest {
    private static final ModelSpec LOGISTIC = new ModelSpec(null, ModelType.LOGISTIC, List.of(), 1, 1, 0.1, 1L, 1, 1, null);

    @Inject
    ObjectStore store;

    @Inject
    BaselineService baselines;

    @Test
    void aGoodCandidatePassesWhenNothingIsInProduction() throws Exception {
        Scenario run = new Scenario();
        ModelEvaluated evaluated = EventExchange.sendAndAwait(run.checkpoint(parameters(5, -5)), ModelEvaluated.class);
        assertTrue(evaluated.getPassed(), evaluated.getChecks().toString());
        assertNull(evaluated.getBaseline());
        assertTrue(evaluated.getCandidateMetrics().get("roc_auc") > 0.95, evaluated.getCandidateMetrics().toString());
        assertEquals(List.of("plan=a", "plan=b"), evaluated.getSliceMetrics().stream().map(s -> s.getSlice()).toList());
        assertTrue(store.exists(S3Uri.parse(evaluated.getReportUri())));
        S3Uri artifact = S3Uri.parse(evaluated.getCandidate().getUri());
        assertEquals(StorageLayout.artifact(run.pipeline, evaluated.getCandidate().getTrainingRunId()), artifact);
        assertTrue(store.exists(artifact.resolve(StorageLayout.COMPLETE)), "the candidate's artifact, complete");

        String page = text(StorageLayout.evaluationReportPage(run.pipeline, evaluated.getCandidate().getTrainingRunId()));
        assertTrue(page.contains("PASSED") && page.contains("ROC curve") && page.contains("Precision-recall curve")
                && page.contains("Calibration"), "the report page beside report.json, with its curves");
        assertFalse(page.contains("<script") || page.contains("src=\"http"), "self-contained: nothing to run or fetch");
        String card = text(artifact.resolve(StorageLayout.MODEL_CARD_MARKDOWN));
        assertTrue(card.contains("# Model card: " + run.pipeline) && card.contains("**Passed**"), card);
        assertTrue(store.exists(artifact.resolve(StorageLayout.MODEL_CARD_JSON)));
    }

    private String text(S3Uri uri) {
        return new String(store.readRequired(uri), StandardCharsets.UTF_8);
    }

    @Test
    void aCandidateWorseThanProductionIsRefusedWithTheReason() throws Exception {
        Scenario run = new Scenario();
        run.inProduction("prod-run", 1, parameters(5, -5));
        await().atMost(EventExchange.TIMEOUT).until(() -> baselines.current(run.pipeline).isPresent());

        ModelEvaluated evaluated = EventExchange.sendAndAwait(run.checkpoint(parameters(-5, 5)), ModelEvaluated.class);
        assertFalse(evaluated.getPassed());
        assertEquals(1, evaluated.getBaseline().getVersion());
        assertEquals("prod-run", evaluated.getBaseline().getTrainingRunId());
        assertEquals(1, evaluated.getAttempt());
        assertTrue(evaluated.getBaselineMetrics().get("roc_auc") > 0.95);
        GateCheck improvement = evaluated.getChecks().stream().filter(c -> c.getName().contains("production"))
                .findFirst().orElseThrow();
        assertFalse(improvement.getPassed());
        assertTrue(improvement.getReason().contains("production"), improvement.getReason());

        String page = text(StorageLayout.evaluationReportPage(run.pipeline, evaluated.getCandidate().getTrainingRunId()));
        assertTrue(page.contains("REFUSED") && page.contains("data-series=\"production\""),
                "the refusal, and production's curves beside the candidate's");
        String card = text(S3Uri.parse(evaluated.getCandidate().getUri()).resolve(StorageLayout.MODEL_CARD_MARKDOWN));
        assertTrue(card.contains("**Refused**") && card.contains(improvement.getName()), card);
    }

    @Test
    void aFinalCheckpointThatComesAgainGetsTheVerdictAlreadyGiven() throws Exception {
        Scenario run = new Scenario();
        CheckpointWritten checkpoint = run.checkpoint(parameters(5, -5));
        ModelEvaluated first = EventExchange.sendAndAwait(checkpoint, ModelEvaluated.class);
        assertTrue(first.getPassed(), first.getChecks().toString());

        // Meanwhile the candidate itself went to production; then its final checkpoint is redelivered.
        run.inProduction(checkpoint.getTrainingRunId(), 1, parameters(5, -5));
        await().atMost(EventExchange.TIMEOUT).until(() -> baselines.current(run.pipeline).isPresent());
        checkpoint.getMeta().setEventId(UUID.randomUUID().toString());
        ModelEvaluated again = EventExchange.sendAndAwait(checkpoint, ModelEvaluated.class);
        assertNull(again.getBaseline(), "not compared with itself: the first verdict, against no production, again");
        assertEquals(first.getCandidateMetrics(), again.getCandidateMetrics());
        assertEquals(first.getChecks(), again.getChecks());
    }

    @Test
    void theRegistryAsksAgainAndTheCandidateIsComparedWithTheVersionItNames() throws Exception {
        Scenario run = new Scenario();
        ModelEvaluated first = EventExchange.sendAndAwait(run.checkpoint(parameters(4, -4)), ModelEvaluated.class);
        assertNull(first.getBaseline());
        S3Uri production = run.inProduction("better-run", 2, parameters(5, -5));

        EvaluationRequested request = EvaluationRequested.newBuilder()
                .setMeta(EventFixtures.METAS.causedBy(first.getMeta()))
                .setDataset(first.getDataset()).setSpec(first.getSpec()).setFeatures(first.getFeatures())
                .setCandidate(first.getCandidate()).setStaleBaseline(null)
                .setProduction(ModelRef.newBuilder().setName(run.pipeline).setTrainingRunId("better-run").setVersion(2)
                        .setUri(production.toString()).build())
                .setAttempt(2).setReason("test: version 2 went to production meanwhile").build();
        ModelEvaluated second = EventExchange.sendAndAwait(request, ModelEvaluated.class);
        assertEquals(2, second.getAttempt());
        assertEquals(2, second.getBaseline().getVersion(), "the registry's word, not this service's read model");
        assertEquals(first.getCandidateMetrics(), second.getCandidateMetrics(), "the same candidate, scored from its artifact");
        assertTrue(second.getBaselineMetrics().get("roc_auc") >= second.getCandidateMetrics().get("roc_auc"));
    }

    @Test
    void behaviourChecksAreGateChecksAndOneBrokenPropertyRefusesTheModel() throws Exception {
        Scenario run = new Scenario("""
                properties:
                        - {type: monotonic, column: a, direction: increasing}
                        - {type: invariant, column: plan}
                        - {type: monotonic, column: b, direction: increasing}""");
        ModelEvaluated evaluated = EventExchange.sendAndAwait(run.checkpoint(parameters(5, -5)), ModelEvaluated.class);
        Map<String, GateCheck> checks = evaluated.getChecks().stream()
                .collect(java.util.stream.Collectors.toMap(GateCheck::getName, c -> c));
        assertTrue(checks.get("a increasing (monotonic)").getPassed(), checks.toString());
        assertEquals(0.0, checks.get("a increasing (monotonic)").getObserved());
        assertTrue(checks.get("plan (invariant)").getPassed(), "plan is not a feature of this model: " + checks);
        GateCheck broken = checks.get("b increasing (monotonic)");
        assertFalse(broken.getPassed());
        assertEquals(1.0, broken.getObserved(), "every row's probability falls as b rises");
        assertTrue(broken.getReason().contains("60 of 60 rows move against it"), broken.getReason());
        assertFalse(evaluated.getPassed(), "the metrics pass; the broken property refuses the model");
        assertTrue(evaluated.getCandidateMetrics().get("roc_auc") > 0.95);
    }

    /** A pipeline's spec, features folder (transform + raw holdout) and dataset in the store. */
    private final class Scenario {
        final String pipeline = EventFixtures.newPipeline("evaluator-test");
        final DatasetRef dataset = EventFixtures.dataset(pipeline, "0".repeat(64));
        final SpecRef spec;
        final FeaturesRef features = EventFixtures.features(StorageLayout.features(pipeline, "0".repeat(64), "2".repeat(64)),
                "2".repeat(64));

        Scenario() {
            this("");
        }

        /** {@code gate}: more settings of the evaluation block, one per line, indented to sit in it. */
        Scenario(String gate) {
            spec = StoredInputs.spec(store::put, """
                    pipeline: %s
                    dataset:
                      label: y
                      columns: [{name: a, type: numeric}, {name: b, type: numeric}, {name: plan, type: categorical},
                                {name: y, type: numeric}]
                    model: {type: logistic}
                    evaluation:
                      minimums: {roc_auc: 0.8}
                      slices: [plan]
                      minImprovement: 0.01
                      %s
                    """.formatted(pipeline, gate));
            FeatureTransform transform = new FeatureTransform(List.of(
                    new FeatureTransform.Numeric("a", 0, 0, 1), new FeatureTransform.Numeric("b", 0, 0, 1)),
                    new FeatureTransform.Label("y", List.of("0", "1")));
            store.putJson(S3Uri.parse(features.getTransformUri()), transform, false);
            StringBuilder raw = new StringBuilder("a,b,plan,y\n");
            SplittableRandom random = new SplittableRandom(9);
            for (int i = 0; i < 60; i++) {
                double a = random.nextGaussian();
                double b = random.nextGaussian();
                raw.append(String.format("%.4f,%.4f,%s,%d%n", a, b, i % 2 == 0 ? "a" : "b", a - b > 0 ? 1 : 0));
            }
            store.put(S3Uri.parse(features.getUri()).resolve(StorageLayout.RAW_HOLDOUT),
                    raw.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        }

        /** A version of this pipeline's model in production: its artifact stored, its ModelPromoted sent. */
        S3Uri inProduction(String trainingRun, int version, byte[] parameters) {
            S3Uri artifact = StorageLayout.artifact(pipeline, trainingRun);
            store.put(artifact.resolve(StorageLayout.PARAMETERS), parameters, "application/octet-stream");
            store.putJson(artifact.resolve(StorageLayout.MODEL_SPEC), LOGISTIC, false);
            store.put(artifact.resolve(StorageLayout.TRANSFORM), store.readRequired(S3Uri.parse(features.getTransformUri())),
                    "application/json");
            EventExchange.send(EventFixtures.modelPromoted(EventFixtures.METAS.startRun(pipeline), dataset, spec, features,
                    pipeline, trainingRun, version));
            return artifact;
        }

        CheckpointWritten checkpoint(byte[] parameters) {
            String runId = UUID.randomUUID().toString().substring(0, 8);
            S3Uri folder = StorageLayout.checkpoint(pipeline, runId, 10);
            store.put(folder.resolve(StorageLayout.PARAMETERS), parameters, "application/octet-stream");
            return EventFixtures.finalCheckpoint(EventFixtures.METAS.startRun(pipeline), dataset, spec, features, pipeline,
                    runId, folder);
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
}

package ml.pipeline.registry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.BestCheckpoint;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.SpecRef;
import ml.pipeline.events.TrainingRecord;
import ml.pipeline.testing.EventExchange;
import ml.pipeline.testing.EventFixtures;
import ml.pipeline.testing.PipelineStackResource;
import org.junit.jupiter.api.Test;

/** Through the real stack and PostgreSQL: CheckpointWritten into the experiment tracker, read back through its API. */
@QuarkusTest
@WithTestResource(PipelineStackResource.class)
class TrackingFlowTest {

    @Test
    void everyCheckpointIsRecordedOnceAndTheRunsCanBeListedOrderedAndRead() {
        String pipeline = EventFixtures.newPipeline("tracking");
        EventMeta run = EventFixtures.METAS.startRun(pipeline);
        SpecRef spec = SpecRef.newBuilder().setUri("s3://specs/" + "c".repeat(64) + ".yaml").setHash("c".repeat(64)).build();
        // Two trials of a search: trial 1 halved after step 10, trial 2 trains on and wins.
        EventExchange.send(checkpoint(run, spec, "trial-one-" + pipeline, 1, 5, 0.70, null, false));
        EventExchange.send(checkpoint(run, spec, "trial-one-" + pipeline, 1, 10, 0.72, null, false));
        EventExchange.send(checkpoint(run, spec, "trial-two-" + pipeline, 2, 5, 0.80, null, false));
        EventExchange.send(checkpoint(run, spec, "trial-one-" + pipeline, 1, 10, 0.72, "halved", false));
        EventExchange.send(checkpoint(run, spec, "trial-two-" + pipeline, 2, 10, 0.90, null, false));
        EventExchange.send(checkpoint(run, spec, "trial-two-" + pipeline, 2, 15, 0.85, "completed", true));
        EventExchange.send(checkpoint(run, spec, "trial-two-" + pipeline, 2, 15, 0.85, "completed", true)); // redelivered

        String runs = "/api/v1/pipelines/" + pipeline + "/training-runs";
        await().atMost(EventExchange.TIMEOUT).until(() -> given().get(runs + "?status=completed").then().extract()
                .jsonPath().getList("").size() == 1);
        given().get(runs + "?status=halved").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].trainingRunId", equalTo("trial-one-" + pipeline)).body("[0].lastStep", equalTo(10));
        List<String> byAuc = given().get(runs + "?orderBy=val_roc_auc").then().statusCode(200).extract().jsonPath()
                .getList("trainingRunId");
        assertEquals(List.of("trial-two-" + pipeline, "trial-one-" + pipeline), byAuc, "0.85 above 0.72");
        assertEquals(List.of("trial-one-" + pipeline, "trial-two-" + pipeline), given().get(runs + "?orderBy=val_roc_auc&direction=asc")
                .then().extract().jsonPath().getList("trainingRunId"));
        given().get(runs + "?direction=sideways").then().statusCode(400);

        given().get("/api/v1/training-runs/trial-two-" + pipeline).then().statusCode(200)
                .body("run.status", equalTo("completed"))
                .body("run.winner", equalTo(true))
                .body("run.trial", equalTo(2))
                .body("run.trials", equalTo(2))
                .body("run.hyperparameters.learningRate", equalTo("0.02"))
                .body("run.bestStep", equalTo(10))
                .body("bestMetrics.val_roc_auc", equalTo(0.90f))
                .body("codeVersion", equalTo("abc123"))
                .body("environment.engine", equalTo("PyTorch 2.5.1"))
                .body("datasetVersion", equalTo("0".repeat(64)))
                .body("specHash", equalTo("c".repeat(64)))
                .body("history.step", equalTo(List.of(5, 10, 15)));
        given().get("/api/v1/training-runs/trial-two-" + pipeline + "/metrics/val_roc_auc").then().statusCode(200)
                .body("value", equalTo(List.of(0.80f, 0.90f, 0.85f)));
        given().get("/api/v1/training-runs/no-such-run/metrics/val_loss").then().statusCode(404);
        given().get("/api/v1/pipelines/" + pipeline + "/experiments").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].name", equalTo(pipeline)).body("[0].trainingRuns", equalTo(2))
                .body("[0].searches", equalTo(1)).body("[0].winners", equalTo(List.of("trial-two-" + pipeline)));
    }

    private static CheckpointWritten checkpoint(EventMeta run, SpecRef spec, String trainingRunId, int trial, long step,
            double auc, String stopReason, boolean last) {
        String pipeline = run.getPipeline();
        CheckpointWritten checkpoint = EventFixtures.finalCheckpoint(EventFixtures.METAS.causedBy(run),
                EventFixtures.dataset(pipeline, "0".repeat(64)), spec,
                EventFixtures.features(StorageLayout.features(pipeline, "0".repeat(64), "1".repeat(64)), "1".repeat(64)),
                pipeline, trainingRunId, StorageLayout.checkpoint(pipeline, trainingRunId, step));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_loss", 0.5);
        metrics.put("val_roc_auc", auc);
        checkpoint.setStep(step);
        checkpoint.setEpoch((int) step / 5);
        checkpoint.setTrial(trial);
        checkpoint.setMetrics(metrics);
        checkpoint.setFinalCheckpoint(last);
        checkpoint.setStopReason(stopReason);
        long bestStep = trial == 2 && step >= 10 ? 10 : step;
        checkpoint.setBest(BestCheckpoint.newBuilder().setStep(bestStep).setMetric("val_roc_auc")
                .setUri(StorageLayout.checkpoint(pipeline, trainingRunId, bestStep).toString())
                .setValue(trial == 2 && step >= 10 ? 0.90 : auc).build());
        checkpoint.setTracking(TrainingRecord.newBuilder().setExperiment(pipeline)
                .setHyperparameters(Map.of("learningRate", trial == 1 ? "0.01" : "0.02"))
                .setEnvironment(Map.of("engine", "PyTorch 2.5.1", "device", "cpu()")).setCodeVersion("abc123")
                .setSearchId("search-" + pipeline).setTrials(2).build());
        return checkpoint;
    }
}

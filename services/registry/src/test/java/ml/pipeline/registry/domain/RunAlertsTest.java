package ml.pipeline.registry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import ml.pipeline.core.notify.Alert;
import ml.pipeline.core.notify.AlertKind;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.SpecRef;
import ml.pipeline.events.StageFailed;
import ml.pipeline.testing.EventFixtures;
import org.junit.jupiter.api.Test;

/** Which run events raise which alert, and what it says: no stack needed. */
class RunAlertsTest {
    private static final SpecRef SPEC = SpecRef.newBuilder().setUri("s3://specs/abc.yaml").setHash("abc").build();
    private static final DatasetRef DATASET = EventFixtures.dataset("churn", "9f86d081".repeat(8));
    private final EventMeta meta = EventFixtures.METAS.startRun("churn");

    @Test
    void aDatasetValidatedWithDriftedColumnsIsADriftAlertAndWithoutNone() {
        DatasetValidated clean = EventFixtures.datasetValidated(meta, DATASET, SPEC, 100);
        assertEquals(Optional.empty(), RunAlerts.of(clean));

        DatasetValidated drifted = EventFixtures.datasetValidated(meta, DATASET, SPEC, 100);
        drifted.getDrift().setDriftedColumns(List.of("monthly_charges"));
        drifted.getDrift().setBaselineModelVersion(3);
        drifted.setWarnings(List.of("drift: column 'monthly_charges': psi 0.15 is at or above the warn level 0.1", "3 nulls"));
        Alert alert = RunAlerts.of(drifted).orElseThrow();
        assertEquals(AlertKind.DRIFT, alert.kind());
        assertEquals("dataset churn@9f86d0819f86 drifted from the data of production version 3 in monthly_charges; "
                + "accepted at the warn level, the run goes on", alert.summary());
        assertEquals(List.of("drift: column 'monthly_charges': psi 0.15 is at or above the warn level 0.1"),
                alert.details().get("warnings"));
        assertEquals(meta.getRunId(), alert.runId());
    }

    @Test
    void onlyARefusedCandidateIsAGateAlert() {
        assertEquals(Optional.empty(), RunAlerts.of(evaluated(true)));
        Alert refused = RunAlerts.of(evaluated(false)).orElseThrow();
        assertEquals(AlertKind.GATE_REFUSED, refused.kind());
        assertEquals("churn candidate of training run train-1 refused with no model in production: roc_auc >= 0.8 (test); "
                + "production is unchanged", refused.summary());
    }

    @Test
    void aFailureSaysTheStageTheErrorAndHowToRetry() {
        StageFailed failed = StageFailed.newBuilder().setMeta(meta).setStage("trainer").setCauseTopic("features.ready")
                .setCausePartition(0).setCauseOffset(7).setErrorClass("java.io.UncheckedIOException")
                .setMessage("x".repeat(1000)).setAttempts(3).setRetryable(true).build();
        Alert alert = RunAlerts.of(failed).orElseThrow();
        assertEquals(AlertKind.FAILURE, alert.kind());
        assertTrue(alert.summary().startsWith("trainer failed after 3 attempt(s): UncheckedIOException: xxx"), alert.summary());
        assertTrue(alert.summary().endsWith("retry it with ./pipeline retry " + meta.getRunId()), alert.summary());
        assertTrue(alert.summary().length() < 500, "a long message is cut");
    }

    @Test
    void aStageChangeIsAPromotionOrARollbackByItsReason() {
        ModelPromoted promoted = promoted("auto: gate passed", "policy");
        promoted.setPreviousVersion(1);
        Alert promotion = RunAlerts.of(promoted).orElseThrow();
        assertEquals(AlertKind.PROMOTION, promotion.kind());
        assertEquals("churn v2 -> production, replacing v1, by policy: auto: gate passed", promotion.summary());

        ModelPromoted back = promoted("rollback: v3 misbehaves", "carol");
        back.setPreviousVersion(3);
        Alert rollback = RunAlerts.of(back).orElseThrow();
        assertEquals(AlertKind.ROLLBACK, rollback.kind());
        assertEquals("churn v2 back in production, replacing v3, by carol: rollback: v3 misbehaves", rollback.summary());
        assertEquals(3, rollback.details().get("previousVersion"));

        ModelPromoted canary = promoted("auto: gate passed", "policy");
        canary.setStage("canary");
        canary.setTrafficShare(0.1);
        assertEquals("churn v2 -> canary (10 % of the traffic), by policy: auto: gate passed", RunAlerts.of(canary).orElseThrow().summary());
    }

    private ModelEvaluated evaluated(boolean passed) {
        return EventFixtures.modelEvaluated(meta, DATASET, SPEC,
                EventFixtures.features(StorageLayout.features("churn", "a".repeat(64), "b".repeat(64)), "b".repeat(64)),
                "churn", "train-1", passed);
    }

    private ModelPromoted promoted(String reason, String by) {
        ModelPromoted promoted = EventFixtures.modelPromoted(meta, DATASET, SPEC,
                EventFixtures.features(StorageLayout.features("churn", "a".repeat(64), "b".repeat(64)), "b".repeat(64)),
                "churn", "train-1", 2);
        promoted.setReason(reason);
        promoted.setPromotedBy(by);
        return promoted;
    }
}

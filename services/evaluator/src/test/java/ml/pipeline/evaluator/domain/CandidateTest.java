package ml.pipeline.evaluator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.BestCheckpoint;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.SpecRef;
import ml.pipeline.testing.EventFixtures;
import org.junit.jupiter.api.Test;

class CandidateTest {
    private static final S3Uri LAST = StorageLayout.checkpoint("m", "run", 40);
    private static final S3Uri BEST = StorageLayout.checkpoint("m", "run", 15);

    private static CheckpointWritten finalCheckpoint() {
        SpecRef spec = SpecRef.newBuilder().setUri("s3://specs/a.yaml").setHash("a".repeat(64)).build();
        return EventFixtures.finalCheckpoint(EventFixtures.METAS.startRun("p"), EventFixtures.dataset("p", "0".repeat(64)), spec,
                EventFixtures.features(StorageLayout.features("p", "0".repeat(64), "1".repeat(64)), "1".repeat(64)), "m", "run",
                LAST);
    }

    @Test
    void theBestCheckpointIsEvaluatedNotTheLast() {
        CheckpointWritten stoppedEarly = finalCheckpoint();
        stoppedEarly.setStep(40);
        stoppedEarly.setBest(BestCheckpoint.newBuilder().setStep(15).setUri(BEST.toString()).setMetric("val_loss")
                .setValue(0.12).build());
        stoppedEarly.setStopReason("early_stopped");
        stoppedEarly.setTrial(3);
        assertEquals(BEST, Candidate.of(stoppedEarly).parameters());
        assertEquals(3, Candidate.of(stoppedEarly).trial(), "a search's winner: its trial's model spec is loaded");
    }

    @Test
    void aCheckpointNamingNoBestIsItsOwn() {
        assertEquals(LAST, Candidate.of(finalCheckpoint()).parameters(), "from a trainer older than early stopping");
    }
}

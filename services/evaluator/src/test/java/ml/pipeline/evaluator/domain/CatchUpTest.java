package ml.pipeline.evaluator.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CatchUpTest {
    @Test
    void caughtUpOnceTheLastRecordOfEachPartitionAtStartIsRead() {
        CatchUp catchUp = new CatchUp();
        assertFalse(catchUp.isCaughtUp(), "the ends are not known yet");
        catchUp.expect(Map.of(0, 3L, 1, 0L, 2, 1L));
        assertFalse(catchUp.isCaughtUp());
        catchUp.read(0, 2);
        assertFalse(catchUp.isCaughtUp(), "partition 2 still has offset 0 to read");
        catchUp.read(2, 0);
        assertTrue(catchUp.isCaughtUp(), "partition 1 was empty");
    }

    @Test
    void recordsReadBeforeTheEndsWereKnownCount() {
        CatchUp catchUp = new CatchUp();
        catchUp.read(0, 5);
        catchUp.expect(Map.of(0, 4L));
        assertTrue(catchUp.isCaughtUp());
    }

    @Test
    void anEmptyTopicIsCaughtUpAtOnce() {
        CatchUp catchUp = new CatchUp();
        catchUp.expect(Map.of(0, 0L, 1, 0L));
        assertTrue(catchUp.isCaughtUp());
    }
}

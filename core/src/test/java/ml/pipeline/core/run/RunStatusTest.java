package ml.pipeline.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunStatusTest {
    @Test
    void aRunOnlyMovesForward() {
        assertTrue(RunStatus.PROMOTED.progress() > RunStatus.EVALUATED.progress(), "a late evaluation never un-promotes");
        assertTrue(RunStatus.EVALUATED.progress() > RunStatus.RUNNING.progress());
        assertTrue(RunStatus.REFUSED.progress() > RunStatus.EVALUATED.progress(), "a re-evaluation may refuse");
        assertTrue(RunStatus.PROMOTED.progress() > RunStatus.REFUSED.progress());
        assertEquals(RunStatus.REJECTED.progress(), RunStatus.FAILED.progress());
    }

    @Test
    void namesAreLowerCase() {
        assertEquals("promoted", RunStatus.PROMOTED.statusName());
        assertEquals(Optional.of(RunStatus.REFUSED), RunStatus.byName("refused"));
        assertEquals(Optional.empty(), RunStatus.byName("PROMOTED"));
    }
}

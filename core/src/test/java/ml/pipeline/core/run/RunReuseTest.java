package ml.pipeline.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ml.pipeline.core.run.RunReuse.Outcome;
import org.junit.jupiter.api.Test;

class RunReuseTest {
    @Test
    void theFirstPublishOfTheseBytesAndSpecStartsARun() {
        assertEquals(Outcome.STARTED, RunReuse.decide(false, null, false));
    }

    @Test
    void aRunGoingOnIsTheAnswerEvenBeforeItsFirstEventIsRecorded() {
        assertEquals(Outcome.RUNNING, RunReuse.decide(true, null, false));
        assertEquals(Outcome.RUNNING, RunReuse.decide(true, RunStatus.RUNNING, false));
    }

    @Test
    void anEndedRunIsTheAnswerExceptAFailedOne() {
        for (RunStatus ended : new RunStatus[] {RunStatus.PROMOTED, RunStatus.EVALUATED, RunStatus.REFUSED, RunStatus.REJECTED}) {
            assertEquals(Outcome.DONE, RunReuse.decide(true, ended, false), ended.statusName());
        }
        assertEquals(Outcome.STARTED, RunReuse.decide(true, RunStatus.FAILED, false), "a failed run is run again");
        assertEquals(Outcome.STARTED, RunReuse.decide(true, RunStatus.CANCELLED, false), "so is a cancelled one");
    }

    @Test
    void forceAlwaysStartsARun() {
        assertEquals(Outcome.STARTED, RunReuse.decide(true, RunStatus.PROMOTED, true));
        assertEquals(Outcome.STARTED, RunReuse.decide(true, null, true));
    }
}

package ml.pipeline.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.stream.IntStream;
import ml.pipeline.core.notify.DeliverySchedule.Verdict;
import org.junit.jupiter.api.Test;

class DeliveryScheduleTest {
    private final DeliverySchedule schedule = new DeliverySchedule(5, Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    void waitsTwiceAsLongBeforeEachRetryUpToTheMaximum() {
        assertEquals(java.util.List.of(0L, 0L, 1000L, 2000L, 4000L, 5000L, 5000L),
                IntStream.rangeClosed(0, 6).mapToObj(a -> schedule.delayBefore(a).toMillis()).toList());
        assertEquals(Duration.ofSeconds(12), schedule.totalWait(), "1 + 2 + 4 + 5 before attempts 2 to 5");
    }

    @Test
    void retriesWhatWaitingMayMendAndNothingElse() {
        assertEquals(Verdict.DELIVERED, schedule.after(1, 200));
        assertEquals(Verdict.DELIVERED, schedule.after(5, 204));
        assertEquals(Verdict.RETRY, schedule.after(1, null), "refused, timed out, unreachable");
        assertEquals(Verdict.RETRY, schedule.after(2, 500));
        assertEquals(Verdict.RETRY, schedule.after(3, 503));
        assertEquals(Verdict.RETRY, schedule.after(1, 429));
        assertEquals(Verdict.RETRY, schedule.after(1, 408));
        assertEquals(Verdict.GIVE_UP, schedule.after(5, 503), "the last attempt");
        assertEquals(Verdict.GIVE_UP, schedule.after(1, 404));
        assertEquals(Verdict.GIVE_UP, schedule.after(1, 401));
        assertEquals(Verdict.GIVE_UP, schedule.after(1, 302), "a redirect is not followed");
    }

    @Test
    void refusesASenselessSchedule() {
        assertThrows(IllegalArgumentException.class, () -> new DeliverySchedule(0, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new DeliverySchedule(3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}

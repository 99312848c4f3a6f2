package ml.pipeline.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventMetasTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @Test
    void aRunStartsWithoutACause() {
        EventMeta first = new EventMetas("ingest", "1.0", clock).startRun("churn");
        assertEquals("churn", first.getPipeline());
        assertNull(first.getCausationId());
        assertEquals(clock.instant(), first.getOccurredAt());
        assertEquals("ingest", first.getProducer());
    }

    @Test
    void aCausedEventKeepsTheRunAndNamesItsCause() {
        EventMeta first = new EventMetas("ingest", "1.0", clock).startRun("churn");
        EventMeta next = new EventMetas("validate", "1.0", clock).causedBy(first);
        assertEquals(first.getRunId(), next.getRunId());
        assertEquals(first.getPipeline(), next.getPipeline());
        assertEquals(first.getEventId(), next.getCausationId());
        assertNotEquals(first.getEventId(), next.getEventId());
        assertEquals("validate", next.getProducer());
    }

    @Test
    void anyEventsMetaIsItsFirstField() {
        EventMeta meta = new EventMetas("ingest", "1.0", clock).startRun("churn");
        StageFailed failed = StageFailed.newBuilder().setMeta(meta).setStage("validate").setCauseTopic("t")
                .setCausePartition(0).setCauseOffset(0).setErrorClass("E").setMessage("m").setAttempts(1)
                .setRetryable(false).build();
        assertEquals(meta, EventMetas.of(failed));
    }
}

package ml.pipeline.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    private final EventMeta meta = new EventMetas("validate", "1.0",
            Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC)).startRun("churn");

    @Test
    void anEventReadsBackEqualFromItsJson() {
        StageFailed failed = StageFailed.newBuilder().setMeta(meta).setStage("validate").setCauseTopic("t")
                .setCausePartition(0).setCauseOffset(7).setErrorClass("E").setMessage("bad \"row\" <3>").setAttempts(2)
                .setRetryable(true).build();
        byte[] json = EventJson.write(failed);
        assertTrue(new String(json, StandardCharsets.UTF_8).contains("\"causeOffset\" : 7"), "readable JSON");
        assertEquals(failed, EventJson.read(json, StageFailed.class));
    }

    @Test
    void somethingElseIsRefusedWithTheTypeItShouldBe() {
        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> EventJson.read("{\"x\": 1}".getBytes(StandardCharsets.UTF_8), StageFailed.class));
        assertTrue(error.getMessage().startsWith("not a StageFailed"), error.getMessage());
    }
}

package ml.pipeline.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceStatusTest {
    private static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-01T10:00:05Z");
    private static final Instant T3 = Instant.parse("2026-12-01T10:00:10Z");

    @Test
    void aPollThatStartsRunsIsPublishedAndCountsThem() {
        SourceStatus status = SourceStatus.never().after(T1, List.of(PollResult.started("a.csv", "run-1"),
                PollResult.started("b.csv", "run-2"), PollResult.seen("c.csv")));
        assertEquals(1, status.polls());
        assertEquals(SourceOutcome.PUBLISHED, status.lastOutcome());
        assertEquals(List.of("run-1", "run-2"), status.lastRuns());
        assertEquals(2, status.runsStarted());
        assertEquals(T1.toString(), status.lastPublishedAt());
        assertEquals("2 runs started, 1 seen before", status.lastMessage());
        assertNull(status.lastError());
    }

    @Test
    void aPollWithNothingNewIsUnchangedAndKeepsWhatCameBefore() {
        SourceStatus published = SourceStatus.never().after(T1, List.of(PollResult.started("a.csv", "run-1")));
        SourceStatus unchanged = published.after(T2, List.of());
        assertEquals(2, unchanged.polls());
        assertEquals(SourceOutcome.UNCHANGED, unchanged.lastOutcome());
        assertEquals("nothing new", unchanged.lastMessage());
        assertEquals(List.of(), unchanged.lastRuns());
        assertEquals(1, unchanged.runsStarted());
        assertEquals(T1.toString(), unchanged.lastPublishedAt());
        assertEquals(SourceOutcome.UNCHANGED,
                unchanged.after(T3, List.of(PollResult.claimed("a.csv", "run-1", "running"))).lastOutcome(),
                "bytes the registry knows start nothing");
    }

    @Test
    void anErrorNamesTheItemAndWhyAndStaysVisibleAfterLaterPolls() {
        SourceStatus failed = SourceStatus.never().after(T1, List.of(PollResult.started("a.csv", "run-1"),
                PollResult.refused("s3://incoming/x/bad.csv", "not CSV with a header row"),
                PollResult.failed("query", "connection refused")));
        assertEquals(SourceOutcome.ERROR, failed.lastOutcome());
        assertEquals(List.of("run-1"), failed.lastRuns(), "the run it started is still named");
        assertTrue(failed.lastError().contains("refused s3://incoming/x/bad.csv: not CSV with a header row"), failed.lastError());
        assertTrue(failed.lastError().contains("failed query: connection refused"), failed.lastError());
        SourceStatus later = failed.after(T2, List.of());
        assertEquals(SourceOutcome.UNCHANGED, later.lastOutcome());
        assertEquals(failed.lastError(), later.lastError());
        assertEquals(T1.toString(), later.lastErrorAt());
    }
}

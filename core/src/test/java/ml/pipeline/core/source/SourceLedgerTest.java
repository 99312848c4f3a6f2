package ml.pipeline.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceLedgerTest {
    private final ListedObject a = new ListedObject("churn/2026-01.csv", "etag-a", 10);
    private final ListedObject b = new ListedObject("churn/2026-02.csv", "etag-b", 12);

    @Test
    void readsWhatWasNotReadAsItIsNowOldestKeyFirstAndSkipsFolders() {
        SourceLedger ledger = new SourceLedger(Set.of(a.marker()), Set.of());
        ListedObject folder = new ListedObject("churn/", "", 0);
        ListedObject rewritten = new ListedObject(a.key(), "etag-a2", 11);
        ListedObject early = new ListedObject("churn/2025-12.csv", "etag-c", 9);

        assertEquals(List.of(early, rewritten, b), ledger.toRead(List.of(folder, b, a, rewritten, early)));
        assertTrue(new SourceLedger(Set.of(a.marker(), b.marker()), Set.of()).toRead(List.of(a, b)).isEmpty(),
                "every object read already: nothing to read");
    }

    @Test
    void theMarkerIsTheKeyAndEtagTogether() {
        assertEquals(a.marker(), new ListedObject(a.key(), a.etag(), 999).marker(), "the size is not part of it");
        assertNotEquals(a.marker(), new ListedObject(a.key(), "other", a.size()).marker());
        assertNotEquals(a.marker(), new ListedObject(b.key(), a.etag(), a.size()).marker());
        assertTrue(a.marker().matches("[0-9a-f]{64}"));
        assertEquals(new ListedObject("k", null, 1).marker(), new ListedObject("k", "", 1).marker(), "no ETag reads as empty");
    }

    @Test
    void bytesAreNewOnlyWhenTheirHashWasNeverSeen() {
        SourceLedger ledger = new SourceLedger(Set.of(), Set.of("aa"));
        assertFalse(ledger.isNew("aa"), "the same bytes under another key, or an unchanged table");
        assertTrue(ledger.isNew("bb"));
    }

    @Test
    void onlyFaultsAreTriedAgain() {
        for (PollResult.Kind kind : PollResult.Kind.values()) {
            assertEquals(kind != PollResult.Kind.FAILED, kind.remembered(), kind.name());
        }
    }
}

package ml.pipeline.core.source;

/**
 * What one polled item (an object, or the query's snapshot) came to. {@code STARTED}: a run
 * started ({@code runId}); {@code CLAIMED}: the registry knew these bytes and spec (a run going on
 * or done, {@code runId}), so none started; {@code SEEN}: the bytes were seen before, nothing
 * asked; {@code REFUSED}: not a dataset the pipeline takes (remembered, never tried again);
 * {@code FAILED}: a fault (store, database, registry, broker), tried again next poll.
 */
public record PollResult(Kind kind, String item, String runId, String message) {
    public enum Kind {
        STARTED, CLAIMED, SEEN, REFUSED, FAILED;

        /** Whether the item is remembered as seen (never read as new again). */
        public boolean remembered() {
            return this != FAILED;
        }
    }

    public static PollResult started(String item, String runId) {
        return new PollResult(Kind.STARTED, item, runId, null);
    }

    public static PollResult claimed(String item, String runId, String message) {
        return new PollResult(Kind.CLAIMED, item, runId, message);
    }

    public static PollResult seen(String item) {
        return new PollResult(Kind.SEEN, item, null, null);
    }

    public static PollResult refused(String item, String message) {
        return new PollResult(Kind.REFUSED, item, null, message);
    }

    public static PollResult failed(String item, String message) {
        return new PollResult(Kind.FAILED, item, null, message);
    }
}

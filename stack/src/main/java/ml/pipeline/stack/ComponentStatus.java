package ml.pipeline.stack;

import java.time.Instant;
import java.util.Optional;

/** What {@code stack status} reports about one component. */
public record ComponentStatus(
        String name,
        State state,
        Optional<Long> pid,
        String endpoint,
        Optional<Instant> since,
        boolean healthy,
        long residentBytes) {

    public enum State { RUNNING, STOPPED, EXTERNAL }
}

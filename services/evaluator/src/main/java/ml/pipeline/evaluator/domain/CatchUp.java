package ml.pipeline.evaluator.domain;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether a reader of a topic has read everything that was on it when it started: the end offset
 * of each partition at start-up against the last offset read. Records read before the ends are
 * known count too (the consumer may start first). Thread-safe.
 */
public final class CatchUp {
    private final Map<Integer, Long> lastRead = new HashMap<>();
    private Map<Integer, Long> endsAtStart;

    /** The end offsets (next offset to be written) of each partition when the reader started. */
    public synchronized void expect(Map<Integer, Long> ends) {
        endsAtStart = Map.copyOf(ends);
        notifyAll();
    }

    public synchronized void read(int partition, long offset) {
        lastRead.merge(partition, offset, Math::max);
        notifyAll();
    }

    /** Waits until caught up, at most {@code timeout}; says whether it is. */
    public synchronized boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isCaughtUp()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** False until {@link #expect} was told the ends, then true once every record before them was read. */
    public synchronized boolean isCaughtUp() {
        if (endsAtStart == null) {
            return false;
        }
        return endsAtStart.entrySet().stream()
                .allMatch(end -> end.getValue() == 0 || lastRead.getOrDefault(end.getKey(), -1L) >= end.getValue() - 1);
    }
}

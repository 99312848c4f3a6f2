package ml.pipeline.core.run;

/**
 * Whether publishing the same dataset bytes with the same spec starts a run: not when a run of
 * them is going on or has ended (the answer names it), unless forced. A failed or cancelled run
 * does not count: publishing again runs them again.
 */
public final class RunReuse {
    /** What a publish does. */
    public enum Outcome {
        /** A new run starts. */
        STARTED,
        /** A run of the same bytes and spec is going on: its id is the answer. */
        RUNNING,
        /** A run of them ended (promoted, evaluated, refused or rejected): its result is the answer. */
        DONE
    }

    private RunReuse() {
    }

    /**
     * {@code claimed}: whether a run of these bytes and spec was started before;
     * {@code status}: that run's status as the registry knows it (null: none of its events is recorded yet).
     */
    public static Outcome decide(boolean claimed, RunStatus status, boolean force) {
        if (!claimed || force || status == RunStatus.FAILED || status == RunStatus.CANCELLED) {
            return Outcome.STARTED;
        }
        if (status == null || status == RunStatus.RUNNING) {
            return Outcome.RUNNING;
        }
        return Outcome.DONE;
    }
}

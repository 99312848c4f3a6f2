package ml.pipeline.core.run;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a pipeline run stands, as the registry records it. A status only moves forward (to a
 * higher {@link #progress()}): a redelivered or late event never takes a promoted run back to
 * evaluated. Between statuses of the same progress, the latest event decides.
 */
public enum RunStatus {
    /** Published, and no stage has ended it yet. */
    RUNNING(0),
    /** The candidate passed its gate; registered, and promoted only if the policy says so (or re-evaluated). */
    EVALUATED(1),
    /** The dataset broke its contract: nothing was trained. */
    REJECTED(2),
    /** The candidate failed its gate (or production kept changing under it): production is unchanged. */
    REFUSED(2),
    /** A stage gave up after its retries (StageFailed). */
    FAILED(2),
    /** A reproduction of a training run finished training: it is compared with the original, never evaluated. */
    REPRODUCED(2),
    /** The run's model was moved to a stage. */
    PROMOTED(3),
    /** Cancelled by a person: a training in progress stopped, and nothing downstream happens. */
    CANCELLED(3);

    private final int progress;

    RunStatus(int progress) {
        this.progress = progress;
    }

    /** How far a run with this status has come: a run never goes to a lower one. */
    public int progress() {
        return progress;
    }

    /** Its name in the database and the API: running, rejected, ... */
    @JsonValue
    public String statusName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RunStatus> byName(String name) {
        return Arrays.stream(values()).filter(s -> s.statusName().equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return statusName();
    }
}

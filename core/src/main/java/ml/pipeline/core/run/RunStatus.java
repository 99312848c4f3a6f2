package ml.pipeline.core.run;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a pipeline run stands, as the registry records it from the run's latest event. */
public enum RunStatus {
    /** Published, and no stage has ended it yet. */
    RUNNING,
    /** The dataset broke its contract: nothing was trained. */
    REJECTED,
    /** The candidate passed its gate; registered, and promoted only if the policy says so. */
    EVALUATED,
    /** The candidate failed its gate: production is unchanged. */
    REFUSED,
    /** The run's model was moved to a stage. */
    PROMOTED,
    /** A stage gave up after its retries (StageFailed). */
    FAILED;

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

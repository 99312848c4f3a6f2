package ml.pipeline.core.notify;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an alert is about; a webhook in the spec's {@code notify} block subscribes to some of them
 * ({@code on: [failure, promotion]}), or to all. Each event raises at most one kind, so a hook
 * subscribed to several is told once.
 */
public enum AlertKind {
    /** A stage gave up on the run after its retries (StageFailed). */
    FAILURE("Run failed"),
    /** The dataset broke its contract for reasons other than drift (DatasetRejected). */
    REJECTION("Dataset rejected"),
    /** The candidate failed its evaluation gate (ModelEvaluated, passed false). */
    GATE_REFUSED("Gate refused the model"),
    /** The data drifted from production's: rejected for it (code DRIFT), or accepted with a column at a warn level. */
    DRIFT("Drift"),
    /** A version moved to a stage, by policy or by hand (ModelPromoted). */
    PROMOTION("Model promoted"),
    /** A version was put back in production by a rollback (ModelPromoted with the reason "rollback"). */
    ROLLBACK("Model rolled back");

    /** The code of a rejection reason for drift against production. */
    public static final String DRIFT_CODE = "DRIFT";
    /** The reason a rollback is recorded with, alone or before ": " and the user's words. */
    public static final String ROLLBACK_REASON = "rollback";

    private final String headline;

    AlertKind(String headline) {
        this.headline = headline;
    }

    /** Its name in the spec, the payload and the {@code X-Pipeline-Event} header: failure, gate_refused, ... */
    public String kindName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A few words for people, at the start of the alert's text. */
    public String headline() {
        return headline;
    }

    public static Optional<AlertKind> byName(String name) {
        return Arrays.stream(values()).filter(k -> k.kindName().equals(name)).findFirst();
    }

    /** Every kind's name, as the spec spells them. */
    public static List<String> names() {
        return Arrays.stream(values()).map(AlertKind::kindName).toList();
    }

    /** A rejected dataset: drift when drift is among the reasons, else a rejection. */
    public static AlertKind ofRejection(Collection<String> reasonCodes) {
        return reasonCodes.contains(DRIFT_CODE) ? DRIFT : REJECTION;
    }

    /** A stage change: a rollback when its reason says so, else a promotion. */
    public static AlertKind ofStageChange(String reason) {
        return isRollback(reason) ? ROLLBACK : PROMOTION;
    }

    static boolean isRollback(String reason) {
        if (reason == null) {
            return false;
        }
        String r = reason.strip().toLowerCase(Locale.ROOT);
        return r.equals(ROLLBACK_REASON) || r.startsWith(ROLLBACK_REASON + ":");
    }

    @Override
    public String toString() {
        return kindName();
    }
}

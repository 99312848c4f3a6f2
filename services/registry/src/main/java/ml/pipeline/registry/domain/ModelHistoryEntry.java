package ml.pipeline.registry.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Comparator;
import ml.pipeline.core.spec.ModelStage;

/**
 * One change of a model, as its history shows it. A stage change ({@code kind} "stage"): which
 * version moved from where to where, with its share of the traffic for a canary and, for an
 * automatic promotion, the version it beat ({@code comparedWith}; null when it beat nothing or was
 * moved by hand). An alias move ({@code kind} "alias"): the alias, the version it names now
 * ({@code version}, null when removed) and the one it named before ({@code previousVersion}).
 * Both say who ({@code by}: the token's subject, or "policy"), why and when.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ModelHistoryEntry(String kind, Integer version, ModelStage from, ModelStage to, String alias,
        Integer previousVersion, Double trafficShare, String by, String reason, Instant at, Integer comparedWith) {
    public static final String STAGE = "stage";
    public static final String ALIAS = "alias";
    /** Oldest first; at the same instant, stage changes before alias moves (as they were made). */
    public static final Comparator<ModelHistoryEntry> OLDEST_FIRST = Comparator.comparing(ModelHistoryEntry::at)
            .thenComparing(e -> ALIAS.equals(e.kind()));

    public static ModelHistoryEntry stage(int version, ModelStage from, ModelStage to, Double trafficShare, String by,
            String reason, Instant at, Integer comparedWith) {
        return new ModelHistoryEntry(STAGE, version, from, to, null, null, trafficShare, by, reason, at, comparedWith);
    }

    public static ModelHistoryEntry alias(String alias, Integer version, Integer previousVersion, String by, String reason,
            Instant at) {
        return new ModelHistoryEntry(ALIAS, version, null, null, alias, previousVersion, null, by, reason, at, null);
    }
}

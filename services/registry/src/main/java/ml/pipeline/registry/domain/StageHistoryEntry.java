package ml.pipeline.registry.domain;

import java.time.Instant;
import ml.pipeline.core.spec.ModelStage;

/**
 * One change of a model's stages, as its history shows it: which version moved from where to
 * where, who moved it, why, when, and, for an automatic promotion to production, the version it
 * beat ({@code comparedWith}; null when it beat nothing or was moved by hand).
 */
public record StageHistoryEntry(int version, ModelStage from, ModelStage to, String by, String reason, Instant at,
        Integer comparedWith) {
}

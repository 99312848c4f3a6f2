package ml.pipeline.core.features;

import java.util.Arrays;
import ml.pipeline.core.dataset.RowHash;
import ml.pipeline.core.spec.SplitSpec;

/**
 * Deterministic split assignment. By a hash of a key (the id column's value, so a row keeps its
 * split across dataset versions; the row's content; or its position) mixed with the seed; or, for a time
 * column, by time: the earliest rows train, the latest are held out.
 */
public final class SplitAssigner {
    private final SplitSpec spec;
    private final long seedHash;

    public SplitAssigner(SplitSpec spec) {
        this.spec = spec;
        this.seedHash = RowHash.mix(0xcbf29ce484222325L ^ RowHash.mix(spec.seed()));
    }

    /**
     * The split of a row keyed by {@code key}: the same key and seed, the same split. The key's
     * characters are mixed into 64 bits (FNV-1a, then SplitMix64's finaliser, seeded): uniform
     * enough to split by, and cheap enough for every row of every pass.
     */
    public Split byKey(String key) {
        long hash = seedHash;
        for (int i = 0; i < key.length(); i++) {
            hash = (hash ^ key.charAt(i)) * 0x100000001b3L;
        }
        hash = RowHash.mix(hash ^ key.length());
        double unit = (hash >>> 11) * 0x1.0p-53;
        return byFraction(unit);
    }


    /** Time cut-offs from every row's time: rows at or before the first train, then validation. */
    public TimeCutoffs cutoffs(long[] times) {
        if (times.length == 0) {
            return new TimeCutoffs(Long.MIN_VALUE, Long.MIN_VALUE);
        }
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        int trainEnd = (int) Math.floor(spec.train() * sorted.length);
        int validationEnd = (int) Math.floor((spec.train() + spec.validation()) * sorted.length);
        return new TimeCutoffs(sorted[Math.max(0, trainEnd - 1)], sorted[Math.max(0, validationEnd - 1)]);
    }

    /** Where one row falls given the time cut-offs. */
    public record TimeCutoffs(long lastTrain, long lastValidation) {
        public Split of(long time) {
            if (time <= lastTrain) {
                return Split.TRAIN;
            }
            return time <= lastValidation ? Split.VALIDATION : Split.HOLDOUT;
        }
    }

    private Split byFraction(double unit) {
        if (unit < spec.train()) {
            return Split.TRAIN;
        }
        return unit < spec.train() + spec.validation() ? Split.VALIDATION : Split.HOLDOUT;
    }
}

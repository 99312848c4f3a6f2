package ml.pipeline.core.features;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import ml.pipeline.core.spec.SplitSpec;

/**
 * Deterministic split assignment. By a hash of a key (the id column's value, so a row keeps its
 * split across dataset versions; or the row's position) mixed with the seed; or, for a time
 * column, by time: the earliest rows train, the latest are held out.
 */
public final class SplitAssigner {
    private final SplitSpec spec;
    private final MessageDigest sha256;
    private final byte[] seed;

    public SplitAssigner(SplitSpec spec) {
        this.spec = spec;
        this.seed = (spec.seed() + ":").getBytes(StandardCharsets.UTF_8);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The split of a row keyed by {@code key}: the same key and seed, the same split. */
    public Split byKey(String key) {
        sha256.reset();
        sha256.update(seed);
        byte[] digest = sha256.digest(key.getBytes(StandardCharsets.UTF_8));
        double unit = (ByteBuffer.wrap(digest, 0, 8).getLong() >>> 11) * 0x1.0p-53;
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

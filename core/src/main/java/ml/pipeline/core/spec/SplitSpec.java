package ml.pipeline.core.spec;

/** Fractions of rows for training, validation and the holdout the gate is judged on. */
public record SplitSpec(Double train, Double validation, Double holdout, Long seed) {
    public SplitSpec {
        train = train == null ? 0.7 : train;
        validation = validation == null ? 0.15 : validation;
        holdout = holdout == null ? 0.15 : holdout;
        seed = seed == null ? 42L : seed;
    }

    public static SplitSpec defaults() {
        return new SplitSpec(null, null, null, null);
    }
}

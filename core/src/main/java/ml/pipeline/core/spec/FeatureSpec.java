package ml.pipeline.core.spec;

import java.util.Locale;

/**
 * How features are made: the split, how missing numbers are imputed (mean or median of the
 * training split), and how many categories of a column get their own one-hot slot.
 */
public record FeatureSpec(SplitSpec split, String impute, Integer maxCategories) {
    public FeatureSpec {
        split = split == null ? SplitSpec.defaults() : split;
        impute = impute == null ? "mean" : impute.toLowerCase(Locale.ROOT);
        maxCategories = maxCategories == null ? 20 : maxCategories;
    }

    public static FeatureSpec defaults() {
        return new FeatureSpec(null, null, null);
    }
}

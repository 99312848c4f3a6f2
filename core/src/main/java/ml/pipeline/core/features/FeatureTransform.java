package ml.pipeline.core.features;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import ml.pipeline.core.validation.CellValues;

/**
 * The fitted transform, as {@code transform.json} stores it: from a raw CSV row to the feature
 * vector a model sees. Fitted on the training split only; applied the same way to every split and
 * by serving, so training and serving cannot drift apart.
 */
public record FeatureTransform(List<Feature> features, Label label) {
    public static final String UNKNOWN = "<unknown>";

    /** One input column and the feature(s) it becomes. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Numeric.class, name = "numeric"),
        @JsonSubTypes.Type(value = Categorical.class, name = "categorical")})
    public sealed interface Feature permits Numeric, Categorical {
        String column();

        List<String> names();

        /** How many features it becomes: names().size(), without building the names. */
        int size();

        /** Appends this column's features for one raw cell (null or missing allowed). */
        void apply(String cell, float[] into, int offset);
    }

    /** Missing values take {@code impute}; then standardised: (x - mean) / std. */
    public record Numeric(String column, double impute, double mean, double std) implements Feature {
        @Override
        public List<String> names() {
            return List.of(column);
        }

        @Override
        public int size() {
            return 1;
        }

        @Override
        public void apply(String cell, float[] into, int offset) {
            double value = impute;
            if (!CellValues.isMissing(cell)) {
                OptionalDouble parsed = CellValues.number(cell);
                value = parsed.isPresent() ? parsed.getAsDouble() : impute;
            }
            into[offset] = (float) ((value - mean) / std);
        }
    }

    /** One-hot over the categories seen in training; anything else (or missing) goes to the unknown slot. */
    public record Categorical(String column, List<String> categories) implements Feature {
        @Override
        public List<String> names() {
            List<String> names = new ArrayList<>();
            categories.forEach(category -> names.add(column + "=" + category));
            names.add(column + "=" + UNKNOWN);
            return names;
        }

        @Override
        public int size() {
            return categories.size() + 1;
        }

        @Override
        public void apply(String cell, float[] into, int offset) {
            int index = CellValues.isMissing(cell) ? -1 : categories.indexOf(CellValues.category(cell));
            into[offset + (index < 0 ? categories.size() : index)] = 1f;
        }
    }

    /** The label column and its two classes: the first is 0, the second 1. */
    public record Label(String column, List<String> classes) {
        public float apply(String cell) {
            String value = cell == null ? "" : cell.trim();
            int index = classes.indexOf(value);
            if (index < 0) {
                OptionalDouble number = CellValues.number(value);
                if (number.isPresent()) {
                    index = classes.indexOf(ml.pipeline.core.features.LabelClasses.canonical(number.getAsDouble()));
                }
            }
            if (index < 0) {
                throw new IllegalArgumentException("label '" + cell + "' is neither of the classes " + classes);
            }
            return index;
        }
    }

    @JsonIgnore
    public List<String> featureNames() {
        return features.stream().flatMap(f -> f.names().stream()).toList();
    }

    @JsonIgnore
    public int width() {
        int width = 0;
        for (Feature feature : features) {
            width += feature.size();
        }
        return width;
    }

    /** The feature vector of one raw row (column name to cell text). */
    public float[] apply(Map<String, String> row) {
        float[] vector = new float[width()];
        int offset = 0;
        for (Feature feature : features) {
            feature.apply(row.get(feature.column()), vector, offset);
            offset += feature.size();
        }
        return vector;
    }
}

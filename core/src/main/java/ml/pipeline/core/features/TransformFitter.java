package ml.pipeline.core.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import ml.pipeline.core.spec.ColumnSpec;
import ml.pipeline.core.spec.ColumnType;
import ml.pipeline.core.spec.DatasetContract;
import ml.pipeline.core.spec.FeatureSpec;
import ml.pipeline.core.validation.CategorySummary;
import ml.pipeline.core.validation.CellValues;
import ml.pipeline.core.validation.NumericSummary;

/**
 * Learns the transform from the training rows only: imputation values and standardisation for
 * numbers (the median is exact up to NumericSummary.SAMPLE_SIZE rows, sampled beyond), the most
 * frequent categories for categorical columns. Memory is bounded per column.
 */
public final class TransformFitter {
    private final DatasetContract contract;
    private final FeatureSpec features;
    private final Map<String, NumericSummary> numbers = new LinkedHashMap<>();
    private final Map<String, CategorySummary> categories = new LinkedHashMap<>();
    private final TreeSet<String> labelClasses = new TreeSet<>();
    private final boolean numericLabel;

    public TransformFitter(DatasetContract contract, FeatureSpec features) {
        this.contract = contract;
        this.features = features;
        this.numericLabel = contract.column(contract.label()).map(c -> c.type() == ColumnType.NUMERIC).orElse(false);
        for (ColumnSpec column : featureColumns(contract)) {
            if (column.type() == ColumnType.NUMERIC) {
                numbers.put(column.name(), new NumericSummary());
            } else {
                categories.put(column.name(), new CategorySummary());
            }
        }
    }

    /** The columns that become features: numeric and categorical, other than the label, id and time. */
    public static List<ColumnSpec> featureColumns(DatasetContract contract) {
        return contract.columns().stream()
                .filter(c -> c.type() == ColumnType.NUMERIC || c.type() == ColumnType.CATEGORICAL)
                .filter(c -> !c.name().equals(contract.label()))
                .filter(c -> !c.name().equals(contract.id()) && !c.name().equals(contract.time()))
                .toList();
    }

    /** Every row's label, whatever its split: the classes are names, not statistics. */
    public void observeLabel(String cell) {
        if (CellValues.isMissing(cell)) {
            return;
        }
        OptionalDouble number = CellValues.number(cell);
        labelClasses.add(numericLabel && number.isPresent() ? LabelClasses.canonical(number.getAsDouble()) : cell.trim());
    }

    public void observeTraining(Map<String, String> row) {
        numbers.forEach((column, stats) -> {
            String cell = row.get(column);
            if (!CellValues.isMissing(cell)) {
                CellValues.number(cell).ifPresent(stats::add);
            }
        });
        categories.forEach((column, summary) -> {
            String cell = row.get(column);
            if (!CellValues.isMissing(cell)) {
                summary.add(CellValues.category(cell));
            }
        });
    }

    public FeatureTransform fit() {
        List<FeatureTransform.Feature> fitted = new ArrayList<>();
        for (ColumnSpec column : featureColumns(contract)) {
            if (column.type() == ColumnType.NUMERIC) {
                NumericSummary stats = numbers.get(column.name());
                double mean = stats.count() == 0 ? 0 : stats.mean();
                double impute = "median".equals(features.impute()) && stats.count() > 0 ? stats.median() : mean;
                fitted.add(new FeatureTransform.Numeric(column.name(), impute, mean, scale(stats)));
            } else {
                fitted.add(new FeatureTransform.Categorical(column.name(), mostFrequent(categories.get(column.name()).counts())));
            }
        }
        List<String> classes = labelClasses.size() == 2 && labelClasses.containsAll(List.of("0", "1"))
                ? List.of("0", "1") : List.copyOf(labelClasses);
        if (classes.size() != 2) {
            throw new IllegalArgumentException("the label '" + contract.label() + "' needs exactly two classes, found " + classes);
        }
        return new FeatureTransform(fitted, new FeatureTransform.Label(contract.label(), classes));
    }

    /** What to divide by: the standard deviation, or 1 for a constant column (which then maps to 0). */
    private static double scale(NumericSummary stats) {
        Double std = stats.std();
        return std == null || std == 0 ? 1 : std;
    }

    private List<String> mostFrequent(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(features.maxCategories())
                .map(Map.Entry::getKey)
                .toList();
    }
}

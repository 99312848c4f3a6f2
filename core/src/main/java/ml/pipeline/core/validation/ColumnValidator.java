package ml.pipeline.core.validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import ml.pipeline.core.spec.ColumnSpec;
import ml.pipeline.core.spec.ColumnType;

/** Checks one declared column cell by cell, keeping counts and a first example of each problem. */
final class ColumnValidator {
    private static final int EXAMPLES = 5;

    private final ColumnSpec spec;
    private final boolean label;
    /** The time column orders the time split: every row needs a time, nullable or not. */
    private final boolean time;
    private final NumericSummary numbers = NumericSummary.momentsOnly();
    private final CategorySummary categories = new CategorySummary();
    /** What drift is computed from later: bounded sketches, stored in the profile. */
    private final NumericSketch numberSketch = new NumericSketch();
    private final CategorySketch categorySketch = new CategorySketch();
    private long nulls;
    private final Problem notNumeric = new Problem();
    private final Problem badTimestamp = new Problem();
    private final Problem belowMin = new Problem();
    private final Problem aboveMax = new Problem();
    private final Set<String> unknownCategories = new LinkedHashSet<>();
    private long unknownCategoryCount;
    private Instant earliest;
    private Instant latest;

    /** How often a problem occurred and where it was first seen. */
    private static final class Problem {
        long count;
        String firstValue;
        long firstLine;

        void saw(String value, long line) {
            if (count++ == 0) {
                firstValue = value;
                firstLine = line;
            }
        }

        String example() {
            return "'" + firstValue + "' on line " + firstLine;
        }
    }

    ColumnValidator(ColumnSpec spec, boolean label, boolean time) {
        this.spec = spec;
        this.label = label;
        this.time = time;
    }

    /** Takes one cell; returns its number for a numeric column, NaN when there is none. */
    double accept(String cell, long line) {
        if (CellValues.isMissing(cell)) {
            nulls++;
            return Double.NaN;
        }
        switch (spec.type()) {
            case NUMERIC -> {
                return acceptNumber(cell, line);
            }
            case CATEGORICAL -> acceptCategory(CellValues.category(cell));
            case TIMESTAMP -> {
                Instant time = CellValues.timestamp(cell);
                if (time == null) {
                    badTimestamp.saw(cell, line);
                } else {
                    categories.add("");
                    earliest = earliest == null || time.isBefore(earliest) ? time : earliest;
                    latest = latest == null || time.isAfter(latest) ? time : latest;
                }
            }
            case STRING -> categories.add(cell);
        }
        return Double.NaN;
    }

    private double acceptNumber(String cell, long line) {
        OptionalDouble parsed = CellValues.number(cell);
        if (parsed.isEmpty()) {
            notNumeric.saw(cell, line);
            return Double.NaN;
        }
        double value = parsed.getAsDouble();
        numbers.add(value);
        numberSketch.add(value);
        if (label) {
            categories.add(cell.trim());
        }
        if (spec.min() != null && value < spec.min()) {
            belowMin.saw(cell, line);
        }
        if (spec.max() != null && value > spec.max()) {
            aboveMax.saw(cell, line);
        }
        return value;
    }

    private void acceptCategory(String value) {
        categories.add(value);
        categorySketch.add(value);
        if (!spec.categories().isEmpty() && !spec.categories().contains(value)) {
            unknownCategoryCount++;
            if (unknownCategories.size() < EXAMPLES) {
                unknownCategories.add(value);
            }
        }
    }

    ColumnProfile profile() {
        String type = spec.type().yamlName();
        if (spec.type() == ColumnType.NUMERIC) {
            return new ColumnProfile(type, numbers.count(), nulls, numbers.min(), numbers.max(), numbers.mean(),
                    numbers.std(), numberSketch.quantiles(), label ? categories.distinct() : null, label ? categories.top() : null,
                    numberSketch.grid(), null, null, null, null);
        }
        boolean counted = spec.type() != ColumnType.TIMESTAMP;
        boolean categorical = spec.type() == ColumnType.CATEGORICAL;
        return new ColumnProfile(type, categories.count(), nulls, null, null, null, null, null,
                counted ? categories.distinct() : null, categorical ? categories.top() : null,
                null, categorical ? categorySketch.frequencies() : null,
                earliest == null ? null : earliest.toString(), latest == null ? null : latest.toString(), null);
    }

    List<ContractViolation> violations() {
        List<ContractViolation> out = new ArrayList<>();
        String name = spec.name();
        if (notNumeric.count > 0) {
            out.add(new ContractViolation(ContractViolation.NOT_NUMERIC, name, notNumeric.count
                    + " value(s) are not numbers, first " + notNumeric.example(), notNumeric.firstValue, "a number"));
        }
        if (badTimestamp.count > 0) {
            out.add(new ContractViolation(ContractViolation.BAD_TIMESTAMP, name, badTimestamp.count
                    + " value(s) are not ISO-8601 dates or times, first " + badTimestamp.example(), badTimestamp.firstValue,
                    "e.g. 2026-01-31 or 2026-01-31T12:00:00Z"));
        }
        if (nulls > 0 && label) {
            out.add(new ContractViolation(ContractViolation.LABEL_MISSING, name, nulls + " row(s) have no label",
                    String.valueOf(nulls), "0"));
        } else if (nulls > 0 && (time || !spec.isNullable())) {
            out.add(new ContractViolation(ContractViolation.NULLS_NOT_ALLOWED, name, nulls
                    + " row(s) are empty but the column " + (time ? "orders the time split" : "is not nullable"),
                    String.valueOf(nulls), "0"));
        }
        if (belowMin.count > 0) {
            out.add(new ContractViolation(ContractViolation.BELOW_MIN, name, belowMin.count + " value(s) below the minimum "
                    + spec.min() + ", lowest " + numbers.min(), String.valueOf(numbers.min()), ">= " + spec.min()));
        }
        if (aboveMax.count > 0) {
            out.add(new ContractViolation(ContractViolation.ABOVE_MAX, name, aboveMax.count + " value(s) above the maximum "
                    + spec.max() + ", highest " + numbers.max(), String.valueOf(numbers.max()), "<= " + spec.max()));
        }
        if (unknownCategoryCount > 0) {
            out.add(new ContractViolation(ContractViolation.UNKNOWN_CATEGORY, name, unknownCategoryCount
                    + " value(s) outside the declared categories, e.g. " + unknownCategories,
                    String.join(", ", unknownCategories), String.join(", ", spec.categories())));
        }
        if (label) {
            labelViolations(out);
        }
        return out;
    }

    /** A binary classifier needs exactly two classes: 0/1 for a numeric label. */
    private void labelViolations(List<ContractViolation> out) {
        Set<String> classes = categories.counts().keySet();
        if (spec.type() == ColumnType.NUMERIC) {
            boolean binary = numbers.count() == 0 || (numbers.min() >= 0 && numbers.max() <= 1
                    && classes.stream().allMatch(c -> CellValues.number(c).orElse(-1) == 0 || CellValues.number(c).orElse(-1) == 1));
            if (!binary) {
                out.add(new ContractViolation(ContractViolation.LABEL_NOT_BINARY, spec.name(),
                        "a numeric label must be 0 or 1, found values from " + numbers.min() + " to " + numbers.max(),
                        numbers.min() + ".." + numbers.max(), "0 or 1"));
                return;
            }
        }
        long distinctClasses = spec.type() == ColumnType.NUMERIC
                ? classes.stream().map(c -> CellValues.number(c).orElse(-1)).distinct().count()
                : classes.size();
        if (distinctClasses < 2) {
            out.add(new ContractViolation(ContractViolation.LABEL_ONE_CLASS, spec.name(),
                    "the label has " + distinctClasses + " class(es): a classifier needs both classes to learn from",
                    String.valueOf(classes), "2 classes"));
        } else if (distinctClasses > 2) {
            out.add(new ContractViolation(ContractViolation.LABEL_NOT_BINARY, spec.name(),
                    "the label has " + distinctClasses + " classes; binary classification needs exactly 2",
                    String.valueOf(categories.top().stream().map(ColumnProfile.CategoryCount::value).toList()), "2 classes"));
        }
    }
}

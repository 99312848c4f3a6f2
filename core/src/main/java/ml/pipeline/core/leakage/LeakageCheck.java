package ml.pipeline.core.leakage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import ml.pipeline.core.spec.ColumnSpec;
import ml.pipeline.core.spec.ColumnType;
import ml.pipeline.core.spec.DatasetContract;
import ml.pipeline.core.spec.DriftSpec;
import ml.pipeline.core.spec.LeakageSpec;
import ml.pipeline.core.validation.CellValues;

/**
 * Watches every record of a dataset for features that leak the label (target leaks): each numeric
 * or categorical feature's univariate ROC AUC against the label, in the same streaming pass as
 * validation (it is handed the numbers validation parsed). The label's first value seen is one
 * class and any other value the other; which is which does not matter, the AUC being folded.
 */
public final class LeakageCheck {
    private final Map<String, LabelSeparation> features = new LinkedHashMap<>();
    private String firstClass;
    /** The other class's first spelling, so most rows are told by one string comparison. */
    private String otherClass;

    public LeakageCheck(DatasetContract contract) {
        for (ColumnSpec column : contract.columns()) {
            boolean feature = !column.name().equals(contract.label()) && !column.name().equals(contract.id())
                    && !column.name().equals(contract.time())
                    && (column.type() == ColumnType.NUMERIC || column.type() == ColumnType.CATEGORICAL);
            if (feature) {
                features.put(column.name(), new LabelSeparation(column.type() == ColumnType.NUMERIC));
            }
        }
    }

    /** Where one feature's values go; null for a column that is not a feature. */
    public Feature feature(String column) {
        return features.get(column);
    }

    /** A feature's values, each with its row's label class. */
    public sealed interface Feature permits LabelSeparation {
        /** A row's cell: its number (NaN when there is none) for a numeric feature, else its text. */
        void add(String cell, double number, int labelClass);
    }

    /** 0 or 1 for a row's label cell, -1 when it is missing: the row then counts for no feature. */
    public int labelClass(String label) {
        if (CellValues.isMissing(label)) {
            return -1;
        }
        label = label.trim();
        if (firstClass == null) {
            firstClass = label;
        }
        if (label.equals(firstClass)) {
            return 0;
        }
        if (label.equals(otherClass)) {
            return 1;
        }
        // Only a spelling not seen before is parsed: "1.0" after "1" is the same class.
        int labelClass = sameClass(label, firstClass) ? 0 : 1;
        if (labelClass == 1 && otherClass == null) {
            otherClass = label;
        }
        return labelClass;
    }

    /** "1" and "1.0" are one class of a numeric label. */
    private static boolean sameClass(String label, String first) {
        if (label.equals(first)) {
            return true;
        }
        OptionalDouble a = CellValues.number(label);
        OptionalDouble b = CellValues.number(first);
        return a.isPresent() && b.isPresent() && a.getAsDouble() == b.getAsDouble();
    }

    /** Every feature's AUC and verdict, in contract order. */
    public List<ColumnLeak> report(LeakageSpec spec) {
        DriftSpec.Limits levels = spec.auc();
        List<ColumnLeak> out = new ArrayList<>();
        features.forEach((name, separation) -> {
            Double auc = separation.auc();
            String verdict = ColumnLeak.OK;
            if (auc != null && levels.reject() != null && auc >= levels.reject()) {
                verdict = ColumnLeak.REJECT;
            } else if (auc != null && levels.warn() != null && auc >= levels.warn()) {
                verdict = ColumnLeak.WARN;
            }
            out.add(new ColumnLeak(name, auc == null ? null : round(auc), verdict, separation.whyNot()));
        });
        return out;
    }

    /** Four decimals, rounded down: a shown 0.99 is at least 0.99. */
    private static double round(double auc) {
        return Math.floor(auc * 10_000) / 10_000.0;
    }
}

package ml.pipeline.core.spec;

import java.util.Map;

/**
 * How much a dataset may differ from the one the production model was trained on, per score:
 * each with a {@code warn} and a {@code reject} level (null: never). {@code columns} overrides the
 * levels for one column. The defaults warn only.
 * <pre>
 * drift: {psi: {warn: 0.1, reject: 0.25}, ks: {reject: 0.3}, columns: {region: {psi: {reject: 0.5}}}}
 * </pre>
 */
public record DriftSpec(Limits psi, Limits ks, Limits unseen, Limits priorShift, Map<String, ColumnLimits> columns) {
    /** A score's levels: at or above {@code warn} it is reported as a warning, at or above {@code reject} the dataset is refused. */
    public record Limits(Double warn, Double reject) {
        /** This column's levels where set, else the dataset's. */
        Limits over(Limits dataset) {
            return new Limits(warn != null ? warn : dataset.warn(), reject != null ? reject : dataset.reject());
        }
    }

    /** One column's overrides. */
    public record ColumnLimits(Limits psi, Limits ks, Limits unseen) {
    }

    public DriftSpec {
        psi = psi == null ? new Limits(0.1, null) : psi;
        ks = ks == null ? new Limits(0.1, null) : ks;
        unseen = unseen == null ? new Limits(0.05, null) : unseen;
        priorShift = priorShift == null ? new Limits(0.05, null) : priorShift;
        columns = columns == null ? Map.of() : Map.copyOf(columns);
    }

    public static DriftSpec defaults() {
        return new DriftSpec(null, null, null, null, null);
    }

    public Limits psiOf(String column) {
        ColumnLimits own = columns.get(column);
        return own == null || own.psi() == null ? psi : own.psi().over(psi);
    }

    public Limits ksOf(String column) {
        ColumnLimits own = columns.get(column);
        return own == null || own.ks() == null ? ks : own.ks().over(ks);
    }

    public Limits unseenOf(String column) {
        ColumnLimits own = columns.get(column);
        return own == null || own.unseen() == null ? unseen : own.unseen().over(unseen);
    }
}

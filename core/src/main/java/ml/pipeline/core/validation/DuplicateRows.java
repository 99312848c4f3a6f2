package ml.pipeline.core.validation;

import java.util.List;
import ml.pipeline.core.dataset.RowHash;
import org.apache.datasketches.theta.UpdateSketch;

/**
 * Counts exact duplicate rows in bounded memory: the distinct rows go into a DataSketches theta
 * sketch of {@link #NOMINAL_ENTRIES} entries (about 1 MB). Up to about that many distinct rows the
 * count is exact; beyond, it is an estimate (relative error about 0.4 %) and says so.
 */
final class DuplicateRows {
    static final int NOMINAL_ENTRIES = 1 << 16;
    private final UpdateSketch distinct = UpdateSketch.builder().setNominalEntries(NOMINAL_ENTRIES).build();
    private long rows;

    void add(List<String> record) {
        distinct.update(RowHash.of(record));
        rows++;
    }

    long duplicates() {
        return Math.max(0, rows - Math.round(distinct.getEstimate()));
    }

    boolean exact() {
        return !distinct.isEstimationMode();
    }
}

package ml.pipeline.core.validation;

import java.util.List;
import org.apache.datasketches.theta.UpdateSketch;

/**
 * Counts exact duplicate rows in bounded memory: the distinct rows go into a DataSketches theta
 * sketch of {@link #NOMINAL_ENTRIES} entries (about 1 MB). Up to about that many distinct rows the
 * count is exact; beyond, it is an estimate (relative error about 0.4 %) and says so.
 */
final class DuplicateRows {
    static final int NOMINAL_ENTRIES = 1 << 16;
    private final UpdateSketch distinct = UpdateSketch.builder().setNominalEntries(NOMINAL_ENTRIES).build();
    private final long[] key = new long[2];
    private long rows;

    void add(List<String> record) {
        long fnv = 0xcbf29ce484222325L;
        long poly = 17;
        for (String cell : record) {
            for (int i = 0; i < cell.length(); i++) {
                char c = cell.charAt(i);
                fnv = (fnv ^ c) * 0x100000001b3L;
                poly = poly * 1_000_003L + c;
            }
            // A separator no cell can fake: cells "a","bc" and "ab","c" differ.
            fnv = (fnv ^ 0x1_0000L) * 0x100000001b3L;
            poly = poly * 1_000_003L + cell.length() + 0x1_0000L;
        }
        key[0] = fnv;
        key[1] = poly;
        distinct.update(key);
        rows++;
    }

    long duplicates() {
        return Math.max(0, rows - Math.round(distinct.getEstimate()));
    }

    boolean exact() {
        return !distinct.isEstimationMode();
    }
}

package ml.pipeline.core.spec;

import java.util.List;

/**
 * Fractions of rows for training, validation and the holdout the gate is judged on, and how rows
 * are assigned: {@code by: time} (the earliest rows train, the latest are held out; needs
 * {@code dataset.time}, and a dataset whose times cannot be split is refused), {@code id} (by a
 * hash of the id column: an id never spans two splits), {@code rows} (by a hash of the row's
 * content: exact duplicate rows never span two splits; a heavily duplicated dataset gets lumpy
 * splits) or {@code position} (by a hash of the row's position in the file). Unset: time when the
 * contract names a time column, else id when it names an id column, else position.
 */
public record SplitSpec(Double train, Double validation, Double holdout, Long seed, String by) {
    public static final String BY_TIME = "time";
    public static final String BY_ID = "id";
    public static final String BY_ROWS = "rows";
    public static final String BY_POSITION = "position";
    public static final List<String> BY = List.of(BY_TIME, BY_ID, BY_ROWS, BY_POSITION);

    public SplitSpec {
        train = train == null ? 0.7 : train;
        validation = validation == null ? 0.15 : validation;
        holdout = holdout == null ? 0.15 : holdout;
        seed = seed == null ? 42L : seed;
    }

    public static SplitSpec defaults() {
        return new SplitSpec(null, null, null, null, null);
    }

    /** How this contract's rows are assigned: {@code by} where set, else time, id or position as the contract allows. */
    public String method(DatasetContract contract) {
        if (by != null) {
            return by;
        }
        if (contract.timeColumn().isPresent()) {
            return BY_TIME;
        }
        return contract.idColumn().isPresent() ? BY_ID : BY_POSITION;
    }
}

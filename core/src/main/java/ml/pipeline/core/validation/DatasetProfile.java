package ml.pipeline.core.validation;

import java.util.Map;

/** What validate stores as {@code profile.json}: rows and per-column statistics, in header order. */
public record DatasetProfile(long rows, Map<String, ColumnProfile> columns) {
}

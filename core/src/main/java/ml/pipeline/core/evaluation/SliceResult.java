package ml.pipeline.core.evaluation;

import java.util.Map;

/** Metrics of the candidate on one slice of the holdout (e.g. plan=basic) and how many rows it had. */
public record SliceResult(String slice, long rows, Map<String, Double> metrics) {
}

package ml.pipeline.core.evaluation;

/** One check of the gate: what was checked, whether it passed, the numbers, and why. */
public record GateCheckResult(String name, boolean passed, Double observed, Double threshold, String reason) {
}

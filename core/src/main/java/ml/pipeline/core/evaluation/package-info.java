/**
 * Judging a candidate: binary-classification metrics ({@link ml.pipeline.core.evaluation.Metric}
 * names and directions), slice metrics and the evaluation gate, every check reported.
 */
package ml.pipeline.core.evaluation;

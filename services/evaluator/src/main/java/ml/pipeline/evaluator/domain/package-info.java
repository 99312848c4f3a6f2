/**
 * Pure code of the evaluator only: the raw holdout rows and the report it stores. No CDI, no I/O.
 */
package ml.pipeline.evaluator.domain;

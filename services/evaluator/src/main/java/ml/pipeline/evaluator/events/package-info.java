/**
 * Pure factories: an evaluation result and its cause into ModelEvaluated.
 */
package ml.pipeline.evaluator.events;

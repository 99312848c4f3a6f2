/**
 * The evaluator's event handlers: a final CheckpointWritten in, ModelEvaluated out;
 * models.promoted read to learn each pipeline's baseline. No rule here.
 */
package ml.pipeline.evaluator.consume;

/**
 * Pure factories: a stored checkpoint and its cause into CheckpointWritten.
 */
package ml.pipeline.trainer.events;

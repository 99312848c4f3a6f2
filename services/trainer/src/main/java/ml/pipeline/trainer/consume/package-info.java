/**
 * The trainer's event handler: FeaturesReady in, one CheckpointWritten per checkpoint out. No rule
 * here.
 */
package ml.pipeline.trainer.consume;

/**
 * Checkpoints in the store: complete ones only are resumed from; the last K kept.
 */
package ml.pipeline.trainer.storage;

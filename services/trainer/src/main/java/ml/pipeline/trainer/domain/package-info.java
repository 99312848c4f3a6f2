/**
 * Training itself, specific to the trainer: the DJL loop, the resumable Adam and the checkpoint
 * state. No CDI, no store.
 */
package ml.pipeline.trainer.domain;

/**
 * The training stage: one run per (dataset, transform, model spec), resumed, or found finished.
 */
package ml.pipeline.trainer.service;

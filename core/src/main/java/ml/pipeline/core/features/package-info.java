/**
 * From a validated dataset to model inputs: deterministic splits, the transform fitted on train
 * only, split files, and the transform version that keys a features folder.
 */
package ml.pipeline.core.features;

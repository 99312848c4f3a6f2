/**
 * The identity of a training run, from the content hashes of what it was trained on.
 */
package ml.pipeline.core.training;

/**
 * What the evaluator reads and writes in the store, the artifact folder it owns among them.
 */
package ml.pipeline.evaluator.storage;

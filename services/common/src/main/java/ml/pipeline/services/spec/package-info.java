/**
 * The spec snapshot a run uses, read from the store once per hash.
 */
package ml.pipeline.services.spec;

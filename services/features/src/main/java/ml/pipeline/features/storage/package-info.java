/**
 * Features folders in the store: split files, raw holdout, transform.json, completion marker last.
 */
package ml.pipeline.features.storage;

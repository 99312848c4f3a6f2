/**
 * Pipeline specs in the store: the current one per pipeline and the content-addressed snapshots
 * runs use.
 */
package ml.pipeline.ingest.storage;

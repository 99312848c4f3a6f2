/**
 * Pure factories: a stored dataset and its spec snapshot into DatasetPublished.
 */
package ml.pipeline.ingest.events;

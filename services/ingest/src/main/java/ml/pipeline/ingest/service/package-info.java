/**
 * Ingest's beans: publishing a dataset (stored by content, DatasetPublished out) and saving
 * pipeline specs.
 */
package ml.pipeline.ingest.service;

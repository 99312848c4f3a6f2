/**
 * Ingest's beans: publishing a dataset (stored by content, DatasetPublished out) and saving
 * pipeline specs, and the pipelines' sources, polled on their schedules (SourceSchedules, SourcePoller).
 */
package ml.pipeline.ingest.service;

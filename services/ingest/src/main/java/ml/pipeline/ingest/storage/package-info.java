/**
 * Pipeline specs in the store: the current one per pipeline and the content-addressed snapshots
 * runs use; each source's record (status, pause, what it read and saw) and the JDBC snapshot.
 */
package ml.pipeline.ingest.storage;

/**
 * Pure code of ingest only: what a publish request is and what it returns. No CDI, no I/O.
 */
package ml.pipeline.ingest.domain;

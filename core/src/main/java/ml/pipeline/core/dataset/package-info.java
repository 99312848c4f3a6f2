/**
 * Datasets as bytes: streaming RFC 4180 CSV reading and writing, and the one-pass inspection
 * ingest does (hash, size, header, rows).
 */
package ml.pipeline.core.dataset;

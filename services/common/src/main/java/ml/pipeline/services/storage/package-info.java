/**
 * The S3 store through the MinIO client, its settings and its faults (transient, or an object that
 * is not there); datasets as local files read in their format (CSV, or Parquet through DuckDB);
 * and the work folders stages delete when done.
 */
package ml.pipeline.services.storage;

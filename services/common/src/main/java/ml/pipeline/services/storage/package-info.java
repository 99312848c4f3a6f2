/**
 * The S3 store through the MinIO client, its settings and its faults (transient, or an object that
 * is not there).
 */
package ml.pipeline.services.storage;

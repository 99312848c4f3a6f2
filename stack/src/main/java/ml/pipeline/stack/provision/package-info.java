/**
 * What {@code stack up} creates, idempotently: topics, buckets, the database, and the registered
 * event schemas.
 */
package ml.pipeline.stack.provision;

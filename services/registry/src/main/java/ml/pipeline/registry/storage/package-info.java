/**
 * The registry's PostgreSQL: Panache entities, the enum converters, and the SQL for runs and model
 * versions.
 */
package ml.pipeline.registry.storage;

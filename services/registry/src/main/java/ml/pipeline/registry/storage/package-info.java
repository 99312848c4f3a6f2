/**
 * The registry's PostgreSQL: Panache entities, the enum converters, and the SQL for runs, model
 * versions and webhook deliveries.
 */
package ml.pipeline.registry.storage;

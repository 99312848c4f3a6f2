/**
 * The registry's REST API: runs, lineage, model versions and stage changes by hand. Resources call
 * services only.
 */
package ml.pipeline.registry.api;

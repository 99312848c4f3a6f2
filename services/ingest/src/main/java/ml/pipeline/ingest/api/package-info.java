/**
 * Ingest's REST API: specs and datasets in; bad input answered with every problem named. Resources
 * call services only.
 */
package ml.pipeline.ingest.api;

/**
 * The closed sets that describe a run: its stages (one per service) and its statuses, by the names
 * events, the database and the API use.
 */
package ml.pipeline.core.run;

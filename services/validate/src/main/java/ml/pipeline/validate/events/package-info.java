/**
 * Pure factories: a validation outcome and its cause into DatasetValidated or DatasetRejected.
 */
package ml.pipeline.validate.events;

/**
 * Validate's event handler: DatasetPublished in, DatasetValidated or DatasetRejected out. No rule
 * here.
 */
package ml.pipeline.validate.consume;

/**
 * The features service's event handler: DatasetValidated in, FeaturesReady out. No rule here.
 */
package ml.pipeline.features.consume;

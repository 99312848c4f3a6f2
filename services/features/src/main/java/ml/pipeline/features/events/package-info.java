/**
 * Pure factories: built features and their cause into FeaturesReady.
 */
package ml.pipeline.features.events;

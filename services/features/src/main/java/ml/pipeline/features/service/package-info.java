/**
 * The features stage: read the dataset, build splits and transform with core, store them complete.
 */
package ml.pipeline.features.service;

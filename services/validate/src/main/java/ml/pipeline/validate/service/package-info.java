/**
 * The validation stage: read the dataset, check it with core, store its profile.
 */
package ml.pipeline.validate.service;

/**
 * What a service knows about its own build: the code version its records carry.
 */
package ml.pipeline.services.build;

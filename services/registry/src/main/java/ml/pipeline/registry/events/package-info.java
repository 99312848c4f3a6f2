/**
 * Pure factories: a stage change into ModelPromoted.
 */
package ml.pipeline.registry.events;

/**
 * Pure code of the registry only: timeline entries and alerts per event type, run updates, lineage
 * and run views. No CDI, no I/O.
 */
package ml.pipeline.registry.domain;

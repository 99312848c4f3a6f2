/**
 * Running a stage's work for one event off the poll loop: transient faults retried, the rest
 * reported as StageFailed, the record always acknowledged.
 */
package ml.pipeline.services.stage;

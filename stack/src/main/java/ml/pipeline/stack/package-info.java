/**
 * The local stack launcher: its settings, the process groups of the stack and the services, and
 * how they start, stop and report.
 */
package ml.pipeline.stack;

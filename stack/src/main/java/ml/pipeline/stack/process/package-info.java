/**
 * Detached processes: pid files, the lock per data folder, ports and log tails.
 */
package ml.pipeline.stack.process;

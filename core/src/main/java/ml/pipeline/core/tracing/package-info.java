/** A run's trace: its spans laid out as a waterfall (which span under which, where on the time axis). */
package ml.pipeline.core.tracing;

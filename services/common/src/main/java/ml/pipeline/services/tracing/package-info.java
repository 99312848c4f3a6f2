/**
 * Traces: one run is one trace across the services. The W3C {@code traceparent} and the run's
 * baggage ride on every event's headers ({@link ml.pipeline.services.tracing.RunTraces}); the
 * spans of runs go to the registry over Kafka ({@link ml.pipeline.services.tracing.SpanShipper}),
 * and to an OTLP collector when one is configured ({@link ml.pipeline.services.tracing.TraceExport}).
 */
package ml.pipeline.services.tracing;

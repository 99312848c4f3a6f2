/**
 * The pipeline's own meters on {@code /q/metrics} (Prometheus): events in, out and failed per
 * topic, dead letters, each stage's processing time, retries and failures, and the figures of
 * training, the gate and validation. The JVM, HTTP and Kafka clients' meters (consumer lag among
 * them) come from Quarkus' Micrometer binders.
 */
package ml.pipeline.services.metrics;

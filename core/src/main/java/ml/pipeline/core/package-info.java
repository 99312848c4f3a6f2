/**
 * The pipeline's rules in plain Java (and Jackson for JSON): no Quarkus, Kafka, Avro or S3 client
 * here, and every rule has a unit test. This package: content hashes, the addresses every output
 * is keyed by.
 */
package ml.pipeline.core;

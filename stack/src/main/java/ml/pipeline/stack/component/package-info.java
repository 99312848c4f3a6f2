/**
 * One class per process of the stack, named after its product (Kafka, Apicurio, S3Proxy,
 * PostgreSQL) or the service it runs.
 */
package ml.pipeline.stack.component;

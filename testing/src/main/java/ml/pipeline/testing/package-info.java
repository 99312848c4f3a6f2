/**
 * Test fixtures, used in test scope only: the shared test stack (JUnit extension, Quarkus
 * resource), event clients, one send-and-await, event builders and stored inputs.
 */
package ml.pipeline.testing;

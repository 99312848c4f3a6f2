/**
 * Test fixtures, used in test scope only: the shared test stack (JUnit extension, Quarkus
 * resource), event clients, one send-and-await, event builders, stored inputs and a local webhook receiver.
 */
package ml.pipeline.testing;

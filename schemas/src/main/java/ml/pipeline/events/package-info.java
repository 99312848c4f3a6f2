/**
 * The event contracts: Avro classes generated from src/main/avro, the one list of topics ({@link
 * ml.pipeline.events.Topic}), record keys and event envelopes.
 */
package ml.pipeline.events;

/**
 * How events leave a service: one {@link ml.pipeline.services.messaging.EventSender}, keyed
 * messages with CloudEvents headers, and the producer stamp on every event.
 */
package ml.pipeline.services.messaging;

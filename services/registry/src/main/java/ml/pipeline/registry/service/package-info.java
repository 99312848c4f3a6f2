/**
 * The registry's beans: timelines, registration and promotion (announced after commit), the
 * queries behind the API, and the alerts to the spec's webhooks (sent apart, tried again, relayed).
 */
package ml.pipeline.registry.service;

/**
 * Alerts to people: which run events raise which kind of alert, the webhook's Slack-compatible
 * body, its HMAC signature, and how often a delivery is tried again.
 */
package ml.pipeline.core.notify;

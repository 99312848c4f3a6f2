package ml.pipeline.core.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * A webhook's body: Slack-compatible JSON (a Slack incoming webhook shows {@code text} and
 * {@code blocks}, and ignores the rest) with the alert's facts beside it for any other receiver:
 * <pre>
 * {"text": "[churn] Run failed: trainer failed after 3 attempt(s): ... (run 5f0c…)",
 *  "blocks": [{"type": "section", ...}, {"type": "context", ...}],
 *  "deliveryId": "...", "kind": "failure", "pipeline": "churn", "runId": "...", "eventId": "...",
 *  "event": "StageFailed", "occurredAt": "2026-12-02T10:00:00Z", "summary": "...",
 *  "details": {"stage": "trainer", ...}, "links": {"run": "http://.../api/v1/runs/..."}}
 * </pre>
 * The body is written once per delivery and sent byte for byte on every attempt, so its signature
 * ({@link WebhookSignature}) and {@code deliveryId} stay the same.
 */
public final class WebhookPayload {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHORT_ID = 8;

    private WebhookPayload() {
    }

    /**
     * The delivery of one event to one hook: the same event and url always give the same id, so a
     * redelivered event claims the delivery it already has, and a receiver can drop what it has seen.
     */
    public static String deliveryId(String eventId, String url) {
        return UUID.nameUUIDFromBytes((eventId + "\n" + url).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The one-line text: {@code [pipeline] Headline: summary (run abcd1234)}. */
    public static String text(Alert alert) {
        return "[" + alert.pipeline() + "] " + alert.kind().headline() + ": " + alert.summary()
                + (alert.runId() == null ? "" : " (run " + shortId(alert.runId()) + ")");
    }

    /** The body, as UTF-8 JSON; {@code links} (name to url) may be empty. */
    public static String body(Alert alert, String deliveryId, Map<String, String> links) {
        ObjectNode root = JSON.createObjectNode();
        root.put("text", text(alert));
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", "*" + slack("[" + alert.pipeline() + "] "
                + alert.kind().headline()) + "*\n" + slack(alert.summary()));
        ArrayNode context = blocks.addObject().put("type", "context").putArray("elements");
        StringBuilder facts = new StringBuilder(alert.kind().kindName());
        if (alert.runId() != null) {
            String run = "run " + shortId(alert.runId());
            String url = links.get("run");
            facts.append(" · ").append(url == null ? slack(run) : "<" + url + "|" + slack(run) + ">");
        }
        if (alert.occurredAt() != null) {
            facts.append(" · ").append(alert.occurredAt());
        }
        context.addObject().put("type", "mrkdwn").put("text", facts.toString());

        root.put("deliveryId", deliveryId);
        root.put("kind", alert.kind().kindName());
        root.put("pipeline", alert.pipeline());
        root.put("runId", alert.runId());
        root.put("eventId", alert.eventId());
        root.put("event", alert.event());
        root.put("occurredAt", alert.occurredAt() == null ? null : alert.occurredAt().toString());
        root.put("summary", alert.summary());
        ObjectNode details = root.putObject("details");
        alert.details().forEach((name, value) -> {
            if (value != null) {
                details.set(name, JSON.valueToTree(value));
            }
        });
        ObjectNode linkNode = root.putObject("links");
        links.forEach(linkNode::put);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert's details must be JSON values", e);
        }
    }

    /** Slack's mrkdwn reads {@code &}, {@code <} and {@code >} as markup: escaped as its docs ask. */
    static String slack(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String shortId(String id) {
        return id.length() <= SHORT_ID ? id : id.substring(0, SHORT_ID);
    }
}

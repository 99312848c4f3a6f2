package ml.pipeline.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {
    private static final Alert FAILURE = new Alert(AlertKind.FAILURE, "churn", "5f0c1d2e-aaaa-bbbb-cccc-000000000000",
            "e-1", "StageFailed", Instant.parse("2026-12-02T10:00:00Z"), "trainer failed after 3 attempt(s): <S3> & co",
            details());

    @Test
    void isSlackCompatibleTextAndBlocksWithTheFactsBeside() throws Exception {
        JsonNode body = new ObjectMapper().readTree(WebhookPayload.body(FAILURE, "d-1",
                Map.of("run", "http://registry/api/v1/runs/5f0c")));
        assertEquals("[churn] Run failed: trainer failed after 3 attempt(s): <S3> & co (run 5f0c1d2e)", body.get("text").asText());
        assertEquals("section", body.at("/blocks/0/type").asText());
        assertEquals("*[churn] Run failed*\ntrainer failed after 3 attempt(s): &lt;S3&gt; &amp; co",
                body.at("/blocks/0/text/text").asText(), "Slack's mrkdwn escapes");
        assertEquals("failure · <http://registry/api/v1/runs/5f0c|run 5f0c1d2e> · 2026-12-02T10:00:00Z",
                body.at("/blocks/1/elements/0/text").asText());
        assertEquals("d-1", body.get("deliveryId").asText());
        assertEquals("failure", body.get("kind").asText());
        assertEquals("churn", body.get("pipeline").asText());
        assertEquals("StageFailed", body.get("event").asText());
        assertEquals("2026-12-02T10:00:00Z", body.get("occurredAt").asText());
        assertEquals("trainer", body.at("/details/stage").asText());
        assertEquals(3, body.at("/details/attempts").asInt());
        assertEquals("TOO_MANY_NULLS", body.at("/details/reasons/0/code").asText());
        assertFalse(body.get("details").has("column"), "a missing fact is left out");
        assertEquals("http://registry/api/v1/runs/5f0c", body.at("/links/run").asText());
    }

    @Test
    void theSameEventAndHookAlwaysMakeTheSameDelivery() {
        assertEquals(WebhookPayload.deliveryId("e-1", "https://a.example/x"), WebhookPayload.deliveryId("e-1", "https://a.example/x"));
        assertNotEquals(WebhookPayload.deliveryId("e-1", "https://a.example/x"), WebhookPayload.deliveryId("e-1", "https://b.example/x"));
        assertNotEquals(WebhookPayload.deliveryId("e-1", "https://a.example/x"), WebhookPayload.deliveryId("e-2", "https://a.example/x"));
        assertEquals(WebhookPayload.body(FAILURE, "d", Map.of()), WebhookPayload.body(FAILURE, "d", Map.of()), "byte for byte");
    }

    @Test
    void withoutARunOrLinksItSaysLess() throws Exception {
        Alert alert = new Alert(AlertKind.ROLLBACK, "churn", null, "e-2", "ModelPromoted", null, "churn v1 back in production", null);
        JsonNode body = new ObjectMapper().readTree(WebhookPayload.body(alert, "d-2", Map.of()));
        assertEquals("[churn] Model rolled back: churn v1 back in production", body.get("text").asText());
        assertEquals("rollback", body.at("/blocks/1/elements/0/text").asText());
        assertTrue(body.get("links").isEmpty());
    }

    private static Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("stage", "trainer");
        details.put("attempts", 3);
        details.put("column", null);
        details.put("reasons", List.of(Map.of("code", "TOO_MANY_NULLS")));
        return details;
    }
}

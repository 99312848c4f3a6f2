package ml.pipeline.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    @Test
    void isTheHexHmacSha256OfTheBody() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                WebhookSignature.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void verifiesTheBodyItSignedAndNothingElse() {
        byte[] body = "{\"text\": \"hello\"}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign("s3cret", body);
        assertTrue(WebhookSignature.verify("s3cret", body, signature));
        assertTrue(WebhookSignature.verify("s3cret", body, signature.toUpperCase().replace("SHA256=", "sha256=")));
        assertFalse(WebhookSignature.verify("other", body, signature));
        assertFalse(WebhookSignature.verify("s3cret", "{\"text\": \"hellO\"}".getBytes(StandardCharsets.UTF_8), signature));
        assertFalse(WebhookSignature.verify("s3cret", body, signature.substring("sha256=".length())));
        assertFalse(WebhookSignature.verify("s3cret", body, null));
        assertThrows(IllegalArgumentException.class, () -> WebhookSignature.sign("", body));
    }
}

package ml.pipeline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentHashTest {
    @Test
    void matchesTheKnownSha256OfAString() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                ContentHash.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void streamAndBytesAgreeAndDifferentBytesDiffer() throws Exception {
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        assertEquals(ContentHash.sha256(data), ContentHash.sha256(new ByteArrayInputStream(data)));
        data[123_456]++;
        assertNotEquals(ContentHash.sha256(data), ContentHash.sha256(new byte[200_000]));
    }
}

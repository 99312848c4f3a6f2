package ml.pipeline.core;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content addresses: every stored output is keyed by the sha256 of its inputs, so the same bytes
 * are stored once and a redelivered event finds its output already there.
 */
public final class ContentHash {
    private static final int BUFFER = 64 * 1024;

    private ContentHash() {
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** Reads the stream to its end (without holding it in memory) and returns its hex sha256. */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest digest = digest();
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            byte[] buffer = new byte[BUFFER];
            while (digesting.read(buffer) != -1) {
                // the digest sees every byte read
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

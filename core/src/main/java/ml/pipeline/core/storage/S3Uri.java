package ml.pipeline.core.storage;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ml.pipeline.core.Texts;

/** An object's address, written {@code s3://bucket/key} in events and APIs. */
public record S3Uri(String bucket, String key) {
    private static final Pattern FORM = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)");

    /** Longest key the address may have (S3's own limit). */
    static final int MAX_KEY_BYTES = 1024;

    public S3Uri {
        if (bucket == null || bucket.isBlank() || key == null || key.isBlank()) {
            throw new IllegalArgumentException("an S3 address needs a bucket and a key, got bucket '" + bucket
                    + "' and key '" + key + "'");
        }
        // A key is a name, not a path: '..' would reach another bucket's files on a filesystem store.
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new IllegalArgumentException("s3://" + bucket + "/" + Texts.bounded(key) + ": a key may not have '.' or '..' segments");
            }
        }
        if (key.startsWith("/") || key.contains("//") || key.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            throw new IllegalArgumentException("s3://" + bucket + "/" + Texts.bounded(key)
                    + ": a key may not start with '/', have empty segments, backslashes or control characters");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("an S3 key has at most " + MAX_KEY_BYTES + " bytes, got "
                    + key.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    public static S3Uri parse(String uri) {
        Matcher matcher = FORM.matcher(uri == null ? "" : uri.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + Texts.bounded(uri) + "' is not an S3 address of the form s3://bucket/key");
        }
        return new S3Uri(matcher.group(1), matcher.group(2));
    }

    /** An object inside this folder address (one ending with '/'). */
    public S3Uri resolve(String name) {
        if (!key.endsWith("/")) {
            throw new IllegalArgumentException(this + " is not a folder address (it does not end with '/')");
        }
        return new S3Uri(bucket, key + name);
    }

    /** The last segment of the key, e.g. {@code data.csv}. */
    public String fileName() {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}

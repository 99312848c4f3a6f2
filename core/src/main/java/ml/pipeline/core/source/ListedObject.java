package ml.pipeline.core.source;

import java.nio.charset.StandardCharsets;
import ml.pipeline.core.ContentHash;

/**
 * One object a prefix listing returned: its key, ETag and size. The key and ETag together say
 * "this object as it was when it was read", so an object read once is not read again each poll;
 * whether its bytes are new is decided by their sha256 ({@link SourceLedger}).
 */
public record ListedObject(String key, String etag, long size) {
    /** A folder placeholder some S3 tools create: no data to publish. */
    public boolean isFolder() {
        return key.endsWith("/");
    }

    /** The name of the marker that remembers this object was read: sha256 of key, a newline and ETag. */
    public String marker() {
        return ContentHash.sha256((key + "\n" + (etag == null ? "" : etag)).getBytes(StandardCharsets.UTF_8));
    }
}

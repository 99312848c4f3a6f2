package ml.pipeline.core.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import ml.pipeline.core.ContentHash;
import ml.pipeline.core.spec.SplitSpec;

/**
 * The version of a dataset's features: a hash of the fitted transform (as stored in
 * transform.json) and of the split settings, so the same data and spec always land in the same
 * features folder and a changed split or transform in a new one.
 */
public final class TransformVersion {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TransformVersion() {
    }

    /** {@code transformJson}: the exact bytes stored as transform.json ({@link #json}). */
    public static String of(byte[] transformJson, SplitSpec split) {
        try {
            String identity = new String(transformJson, StandardCharsets.UTF_8) + "\n" + JSON.writeValueAsString(split);
            return ContentHash.sha256(identity.getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("split settings are plain data and always serialize", e);
        }
    }

    /** transform.json: the fitted transform as every stage reads it back. */
    public static byte[] json(FeatureTransform transform) {
        try {
            return JSON.writeValueAsBytes(transform);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a fitted transform is plain data and always serializes", e);
        }
    }
}

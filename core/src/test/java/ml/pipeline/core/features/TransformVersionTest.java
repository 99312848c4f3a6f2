package ml.pipeline.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import ml.pipeline.core.ContentHash;
import ml.pipeline.core.spec.SplitSpec;
import org.junit.jupiter.api.Test;

class TransformVersionTest {
    private static final FeatureTransform TRANSFORM = new FeatureTransform(
            List.of(new FeatureTransform.Numeric("x", 1, 2, 3)), new FeatureTransform.Label("y", List.of("0", "1")));

    @Test
    void theSameTransformAndSplitAlwaysGiveTheSameVersion() {
        String version = TransformVersion.of(TransformVersion.json(TRANSFORM), SplitSpec.defaults());
        assertEquals(version, TransformVersion.of(TransformVersion.json(TRANSFORM), new SplitSpec(0.7, 0.15, 0.15, 42L, null)),
                "defaults spelled out are the same split");
        assertEquals(64, version.length());
    }

    @Test
    void itIsTheHashOfTheStoredTransformAndTheSplitSettings() {
        byte[] json = TransformVersion.json(TRANSFORM);
        String expected = ContentHash.sha256((new String(json, StandardCharsets.UTF_8)
                + "\n{\"train\":0.7,\"validation\":0.15,\"holdout\":0.15,\"seed\":42,\"by\":null}").getBytes(StandardCharsets.UTF_8));
        // "by" joined the identity when rows without an id began to be split by content, not position: a new version.
        assertEquals(expected, TransformVersion.of(json, SplitSpec.defaults()), "stable across releases: features are reused");
    }

    @Test
    void aChangedSplitOrTransformIsANewVersion() {
        String version = TransformVersion.of(TransformVersion.json(TRANSFORM), SplitSpec.defaults());
        assertNotEquals(version, TransformVersion.of(TransformVersion.json(TRANSFORM), new SplitSpec(0.7, 0.15, 0.15, 43L, null)));
        FeatureTransform refitted = new FeatureTransform(List.of(new FeatureTransform.Numeric("x", 1, 2, 4)), TRANSFORM.label());
        assertNotEquals(version, TransformVersion.of(TransformVersion.json(refitted), SplitSpec.defaults()));
    }
}

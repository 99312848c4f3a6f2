package ml.pipeline.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class S3UriTest {
    @Test
    void parsesAndPrintsTheSameAddress() {
        S3Uri uri = S3Uri.parse("s3://datasets/churn/abc/data.csv");
        assertEquals("datasets", uri.bucket());
        assertEquals("churn/abc/data.csv", uri.key());
        assertEquals("data.csv", uri.fileName());
        assertEquals("s3://datasets/churn/abc/data.csv", uri.toString());
    }

    @Test
    void refusesWhatIsNotAnS3Address() {
        assertThrows(IllegalArgumentException.class, () -> S3Uri.parse("http://x/y"));
        assertThrows(IllegalArgumentException.class, () -> S3Uri.parse("s3://bucket-only"));
        assertThrows(IllegalArgumentException.class, () -> S3Uri.parse(null));
    }

    @Test
    void aKeyCannotClimbOutOfItsBucket() {
        for (String bad : new String[] {"s3://datasets/../models/x", "s3://datasets/a/./b", "s3://datasets/a/..",
                "s3://datasets//x", "s3://datasets/a\\b", "s3://datasets/a\u0000b", "s3://datasets/" + "k".repeat(1025)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> S3Uri.parse(bad), bad);
            assertTrue(e.getMessage().contains("key"), e.getMessage());
        }
    }

    @Test
    void layoutKeysFollowTheDesign() {
        assertEquals("s3://datasets/churn/ab12/data.csv", StorageLayout.dataset("churn", "ab12", "csv").toString());
        assertEquals("s3://specs/ff00.yaml", StorageLayout.specSnapshot("ff00").toString());
        assertEquals("s3://specs/pipelines/churn.yaml", StorageLayout.currentSpec("churn").toString());
        S3Uri artifact = StorageLayout.artifact("churn-model", "run42");
        assertEquals("s3://models/churn-model/run42/artifact/", artifact.toString());
    }
}

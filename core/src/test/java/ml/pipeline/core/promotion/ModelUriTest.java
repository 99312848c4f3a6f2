package ml.pipeline.core.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ml.pipeline.core.spec.ModelStage;
import org.junit.jupiter.api.Test;

class ModelUriTest {
    @Test
    void readsAnAliasAVersionAndAStage() {
        assertEquals(new ModelUri("churn-classifier", "champion", null, null), ModelUri.parse("models:/churn-classifier@champion"));
        assertEquals(new ModelUri("churn-classifier", null, 3, null), ModelUri.parse("models:/churn-classifier/3"));
        assertEquals(new ModelUri("churn-classifier", null, null, ModelStage.CANARY), ModelUri.parse("models:/churn-classifier/canary"));
        assertEquals("models:/m@challenger", ModelUri.parse("models:/m@challenger").toString());
        assertEquals("models:/m/7", ModelUri.parse(" models:/m/7 ").toString());
    }

    @Test
    void namesWhatIsWrongWithABadUri() {
        for (String bad : new String[] {null, "", "models:/", "model:/m@a", "models:/m@", "models:/M@champion", "models:/m@a/b",
                "s3://models/m"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelUri.parse(bad), bad);
            assertTrue(e.getMessage().contains("models:/<name>@<alias>"), e.getMessage());
        }
        IllegalArgumentException archived = assertThrows(IllegalArgumentException.class, () -> ModelUri.parse("models:/m/archived"));
        assertTrue(archived.getMessage().contains("'archived' is not a stage one version holds"), archived.getMessage());
    }

    @Test
    void anAliasIsASimpleName() {
        assertTrue(ModelUri.aliasProblem("champion").isEmpty());
        assertTrue(ModelUri.aliasProblem("shadow_2").isEmpty());
        assertTrue(ModelUri.aliasProblem("Champion").isPresent());
        assertTrue(ModelUri.aliasProblem("a b").isPresent());
        assertTrue(ModelUri.aliasProblem(null).isPresent());
    }
}

package ml.pipeline.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import ml.pipeline.core.spec.EarlyStoppingSpec;
import ml.pipeline.core.spec.ModelSpec;
import ml.pipeline.core.spec.ModelType;
import org.junit.jupiter.api.Test;

class TrainingRunIdTest {
    private static final String DATA = "a".repeat(64);
    private static final String TRANSFORM = "b".repeat(64);
    private static final ModelSpec MLP = new ModelSpec("churn", ModelType.MLP, List.of(16, 8), 5, 32, 0.01, 7L, 50, 3, null);

    @Test
    void theSameInputsAreTheSameRun() {
        String id = TrainingRunId.of(DATA, TRANSFORM, MLP);
        assertEquals(TrainingRunId.LENGTH, id.length());
        assertEquals(id, TrainingRunId.of(DATA, TRANSFORM,
                new ModelSpec("churn", ModelType.MLP, List.of(16, 8), 5, 32, 0.01, 7L, 50, 3, null)));
    }

    @Test
    void aDefaultSpelledOutChangesNothing() {
        ModelSpec implicit = new ModelSpec(null, ModelType.LOGISTIC, null, null, null, null, null, null, null, null);
        ModelSpec explicit = new ModelSpec(null, ModelType.LOGISTIC, List.of(), 10, 64, 0.01, 7L, 100, 3,
                new EarlyStoppingSpec("val_loss", 10, 0.0));
        assertEquals(TrainingRunId.of(DATA, TRANSFORM, implicit), TrainingRunId.of(DATA, TRANSFORM, explicit));
    }

    @Test
    void anyInputChangedIsAnotherRun() {
        String id = TrainingRunId.of(DATA, TRANSFORM, MLP);
        assertNotEquals(id, TrainingRunId.of("c".repeat(64), TRANSFORM, MLP), "other bytes");
        assertNotEquals(id, TrainingRunId.of(DATA, "c".repeat(64), MLP), "another transform");
        assertNotEquals(id, TrainingRunId.of(DATA, TRANSFORM,
                new ModelSpec("churn", ModelType.MLP, List.of(16, 8), 5, 32, 0.02, 7L, 50, 3, null)), "another learning rate");
    }

    @Test
    void missingHashesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TrainingRunId.of(null, TRANSFORM, MLP));
        assertThrows(IllegalArgumentException.class, () -> TrainingRunId.of(DATA, " ", MLP));
    }
}

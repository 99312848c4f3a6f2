package ml.pipeline.core.run;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The stages of a run, one per service, by the names events (StageFailed.stage) and the registry use. */
public enum PipelineStage {
    INGEST,
    VALIDATE,
    FEATURES,
    TRAINER,
    EVALUATOR,
    REGISTRY;

    /** ingest, validate, features, trainer, evaluator, registry: also each service's name. */
    @JsonValue
    public String stageName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return stageName();
    }
}

package ml.pipeline.registry.storage;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import ml.pipeline.core.spec.ModelStage;

/** Stages are stored by their lower-case names (none, staging, production, archived). */
@Converter(autoApply = true)
public class ModelStageConverter implements AttributeConverter<ModelStage, String> {
    @Override
    public String convertToDatabaseColumn(ModelStage stage) {
        return stage == null ? null : stage.stageName();
    }

    @Override
    public ModelStage convertToEntityAttribute(String name) {
        return name == null ? null : ModelStage.named(name);
    }
}

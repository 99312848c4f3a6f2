package ml.pipeline.registry.storage;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import ml.pipeline.core.run.RunStatus;

/** Run statuses are stored by their lower-case names (running, promoted, ...). */
@Converter(autoApply = true)
public class RunStatusConverter implements AttributeConverter<RunStatus, String> {
    @Override
    public String convertToDatabaseColumn(RunStatus status) {
        return status == null ? null : status.statusName();
    }

    @Override
    public RunStatus convertToEntityAttribute(String name) {
        return name == null ? null : RunStatus.byName(name)
                .orElseThrow(() -> new IllegalStateException("unknown run status '" + name + "' in the database"));
    }
}

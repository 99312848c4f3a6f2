package ml.pipeline.core.validation;

import java.util.List;

/** The verdict on a dataset: its profile, every contract violation, and warnings that do not reject it. */
public record ValidationResult(DatasetProfile profile, List<ContractViolation> violations, List<String> warnings) {
    public boolean passed() {
        return violations.isEmpty();
    }
}

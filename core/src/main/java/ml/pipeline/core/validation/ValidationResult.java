package ml.pipeline.core.validation;

import java.util.ArrayList;
import java.util.List;
import ml.pipeline.core.Texts;
import ml.pipeline.core.leakage.ColumnLeak;

/**
 * The verdict on a dataset: its profile, every contract violation, warnings that do not reject
 * it, and every feature's separation of the label (empty when the label itself is unusable).
 */
public record ValidationResult(DatasetProfile profile, List<ContractViolation> violations, List<String> warnings,
        List<ColumnLeak> leakage) {
    /** At most this many violations and warnings are reported one by one; the rest are counted. */
    static final int MAX_REPORTED = 100;

    public ValidationResult {
        if (violations.size() > MAX_REPORTED) {
            List<ContractViolation> kept = new ArrayList<>(violations.subList(0, MAX_REPORTED - 1));
            kept.add(new ContractViolation(ContractViolation.TOO_MANY_PROBLEMS, null, "and " + (violations.size() - kept.size())
                    + " more problem(s), not listed", String.valueOf(violations.size()), null));
            violations = kept;
        }
        if (warnings.size() > MAX_REPORTED) {
            List<String> kept = new ArrayList<>(warnings.subList(0, MAX_REPORTED - 1));
            kept.add("and " + (warnings.size() - kept.size()) + " more warning(s), not listed");
            warnings = kept;
        }
        violations = List.copyOf(violations);
        leakage = List.copyOf(leakage);
        warnings = warnings.stream().map(Texts::bounded).toList();
    }

    public boolean passed() {
        return violations.isEmpty();
    }
}

package ml.pipeline.core.validation;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.pipeline.core.dataset.CsvFormatException;
import ml.pipeline.core.dataset.CsvReader;
import ml.pipeline.core.spec.ColumnSpec;
import ml.pipeline.core.spec.DatasetContract;

/**
 * Checks a CSV dataset against its contract in one streaming pass and profiles it. Every problem
 * is reported, not just the first; memory does not grow with the number of rows.
 */
public final class DatasetValidator {
    private static final double HIGH_NULL_FRACTION = 0.2;

    private DatasetValidator() {
    }

    public static ValidationResult validate(Reader csvText, DatasetContract contract) throws IOException {
        List<ContractViolation> violations = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        CsvReader csv;
        try {
            csv = new CsvReader(csvText);
        } catch (CsvFormatException e) {
            violations.add(new ContractViolation(ContractViolation.MALFORMED_CSV, null, e.getMessage(), null, "CSV with a header row"));
            return new ValidationResult(new DatasetProfile(0, Map.of()), violations, warnings);
        }
        try (csv) {
            List<String> header = csv.header();
            Map<Integer, ColumnValidator> byIndex = new LinkedHashMap<>();
            Map<String, ColumnValidator> byName = new LinkedHashMap<>();
            for (ColumnSpec column : contract.columns()) {
                int index = header.indexOf(column.name());
                if (index < 0) {
                    violations.add(new ContractViolation(ContractViolation.MISSING_COLUMN, column.name(),
                            "the contract declares column '" + column.name() + "' but the file has no such column",
                            String.join(", ", header), column.name()));
                    continue;
                }
                ColumnValidator validator = new ColumnValidator(column, column.name().equals(contract.label()),
                        column.name().equals(contract.time()));
                byIndex.put(index, validator);
                byName.put(column.name(), validator);
            }
            header.stream().filter(name -> contract.column(name).isEmpty())
                    .forEach(name -> warnings.add("column '" + name + "' is not in the contract: it is ignored"));

            long rows = 0;
            try {
                List<String> record;
                long line = csv.line();
                while ((record = csv.next()) != null) {
                    rows++;
                    for (Map.Entry<Integer, ColumnValidator> column : byIndex.entrySet()) {
                        column.getValue().accept(record.get(column.getKey()), line);
                    }
                    line = csv.line();
                }
            } catch (CsvFormatException e) {
                violations.add(new ContractViolation(ContractViolation.MALFORMED_CSV, null, e.getMessage(), null,
                        "RFC 4180 CSV"));
            }
            if (rows < contract.minRows()) {
                violations.add(new ContractViolation(ContractViolation.TOO_FEW_ROWS, null, "the dataset has " + rows
                        + " row(s); the contract asks for at least " + contract.minRows(), String.valueOf(rows),
                        ">= " + contract.minRows()));
            }
            Map<String, ColumnProfile> profiles = new LinkedHashMap<>();
            byName.forEach((name, validator) -> {
                violations.addAll(validator.violations());
                ColumnProfile profile = validator.profile();
                profiles.put(name, profile);
                if (profile.nullFraction() > HIGH_NULL_FRACTION) {
                    warnings.add(String.format("column '%s' is %.0f%% empty", name, 100 * profile.nullFraction()));
                }
            });
            return new ValidationResult(new DatasetProfile(rows, profiles), violations, warnings);
        }
    }
}

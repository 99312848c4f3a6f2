package ml.pipeline.core.validation;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.pipeline.core.dataset.CsvFormatException;
import ml.pipeline.core.dataset.CsvReader;
import ml.pipeline.core.dataset.DatasetReader;
import ml.pipeline.core.dataset.PrefetchingReader;
import ml.pipeline.core.spec.ColumnSpec;
import ml.pipeline.core.spec.DatasetContract;
import ml.pipeline.core.spec.LeakageSpec;
import ml.pipeline.core.leakage.ColumnLeak;
import ml.pipeline.core.leakage.LeakageCheck;

/**
 * Checks a CSV dataset against its contract in one streaming pass and profiles it. Every problem
 * is reported, not just the first; memory does not grow with the number of rows.
 */
public final class DatasetValidator {
    private static final double HIGH_NULL_FRACTION = 0.2;

    private DatasetValidator() {
    }

    /** A CSV dataset, leaks judged by the default levels. */
    public static ValidationResult validate(Reader csvText, DatasetContract contract) throws IOException {
        return validate(csvText, contract, LeakageSpec.defaults());
    }

    /** A CSV dataset. */
    public static ValidationResult validate(Reader csvText, DatasetContract contract, LeakageSpec leakage) throws IOException {
        CsvReader csv;
        try {
            csv = new CsvReader(csvText);
        } catch (CsvFormatException e) {
            return malformed(e);
        }
        return validate(csv, contract, leakage);
    }

    /** The verdict on a file that could not even be opened as a dataset (no header, not Parquet...). */
    public static ValidationResult malformed(CsvFormatException e) {
        return new ValidationResult(DatasetProfile.empty(), List.of(new ContractViolation(
                ContractViolation.MALFORMED_CSV, null, e.getMessage(), null, "CSV with a header row, or Parquet")), List.of(), List.of());
    }

    /** A dataset in any format, read to its end and closed; every feature's separation of the label judged by {@code leakage}. */
    public static ValidationResult validate(DatasetReader records, DatasetContract contract, LeakageSpec leakage) throws IOException {
        List<ContractViolation> violations = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try (DatasetReader csv = new PrefetchingReader(records)) {
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

            LeakageCheck leaks = new LeakageCheck(contract);
            DuplicateRows duplicates = new DuplicateRows();
            // Arrays, not maps, in the loop that runs for every cell.
            int[] indexes = byIndex.keySet().stream().mapToInt(Integer::intValue).toArray();
            ColumnValidator[] validators = byIndex.values().toArray(ColumnValidator[]::new);
            LeakageCheck.Feature[] features = new LeakageCheck.Feature[indexes.length];
            for (int i = 0; i < indexes.length; i++) {
                features[i] = leaks.feature(header.get(indexes[i]));
            }
            int labelIndex = header.indexOf(contract.label());
            long rows = 0;
            try {
                List<String> record;
                while ((record = csv.next()) != null) {
                    rows++;
                    duplicates.add(record);
                    long line = csv.line();
                    int labelClass = labelIndex < 0 ? -1 : leaks.labelClass(record.get(labelIndex));
                    for (int i = 0; i < indexes.length; i++) {
                        String cell = record.get(indexes[i]);
                        double number = validators[i].accept(cell, line);
                        if (features[i] != null && labelClass >= 0) {
                            features[i].add(cell, number, labelClass);
                        }
                    }
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
            boolean labelUsable = byName.containsKey(contract.label()) && byName.get(contract.label()).violations().isEmpty();
            List<ColumnLeak> leakReport = labelUsable ? leaks.report(leakage) : List.of();
            Map<String, Double> aucs = new LinkedHashMap<>();
            leakReport.forEach(leak -> aucs.put(leak.column(), leak.auc()));
            Map<String, ColumnProfile> profiles = new LinkedHashMap<>();
            byName.forEach((name, validator) -> {
                violations.addAll(validator.violations());
                ColumnProfile profile = validator.profile().withLabelAuc(aucs.get(name));
                profiles.put(name, profile);
                if (profile.nullFraction() > HIGH_NULL_FRACTION) {
                    warnings.add(String.format("column '%s' is %.0f%% empty", name, 100 * profile.nullFraction()));
                }
            });
            for (ColumnLeak leak : leakReport) {
                String what = String.format("column '%s' alone separates the label with ROC AUC %.4f", leak.column(), leak.auc());
                if (ColumnLeak.REJECT.equals(leak.verdict())) {
                    violations.add(new ContractViolation(ContractViolation.TARGET_LEAK, leak.column(), what
                            + ", at or above the reject level " + leakage.auc().reject() + ": it leaks the label",
                            String.format("ROC AUC %.4f", leak.auc()), "ROC AUC below " + leakage.auc().reject()));
                } else if (ColumnLeak.WARN.equals(leak.verdict())) {
                    warnings.add(what + " (warn level " + leakage.auc().warn() + "): is it known only after the label?");
                }
            }
            DatasetProfile profile = new DatasetProfile(rows, header, profiles, duplicates.duplicates(), duplicates.exact(), null);
            return new ValidationResult(profile, violations, warnings, leakReport);
        }
    }
}

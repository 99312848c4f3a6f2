package ml.pipeline.core.validation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ml.pipeline.core.spec.ColumnSpec;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.spec.SplitSpec;

/**
 * The checks on a validated dataset that need more than its own rows: schema changes against
 * the contract and against the dataset behind the production model, freshness at publish time
 * ({@code quality.maxAge}), and whether a time split can be made. Rejections are contract
 * violations, named with their column.
 */
public record DatasetChecks(List<SchemaChange> schemaChanges, Map<String, Double> quality, List<ContractViolation> rejections,
        List<String> warnings) {

    /** {@code production}: the profile of the production model's dataset, or null when there is none. */
    public static DatasetChecks of(ValidationResult result, PipelineSpec spec, Instant publishedAt, DatasetProfile production) {
        DatasetProfile profile = result.profile();
        List<SchemaChange> changes = new ArrayList<>();
        List<ContractViolation> rejections = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        contractChanges(result, spec, changes, rejections);
        if (production != null) {
            productionChanges(profile, production, changes);
        }
        Optional<Duration> age = freshness(profile, spec, publishedAt, rejections, warnings);
        timeSplit(profile, spec, rejections);
        return new DatasetChecks(List.copyOf(changes), QualitySummary.of(result, age), List.copyOf(rejections), List.copyOf(warnings));
    }

    public boolean rejects() {
        return !rejections.isEmpty();
    }

    private static void contractChanges(ValidationResult result, PipelineSpec spec, List<SchemaChange> changes,
            List<ContractViolation> rejections) {
        DatasetProfile profile = result.profile();
        if (profile.fileColumns() == null || profile.fileColumns().isEmpty()) {
            return; // not read at all: the malformed file is the problem
        }
        for (String column : profile.fileColumns()) {
            if (spec.dataset().column(column).isEmpty()) {
                changes.add(new SchemaChange(column, SchemaChange.ADDED, SchemaChange.CONTRACT, null, null));
                if (spec.schema().rejectsAddedColumns()) {
                    rejections.add(new ContractViolation(ContractViolation.ADDED_COLUMN, column, "column '" + column
                            + "' is not in the contract and schema.addedColumns is reject", column, "only declared columns"));
                }
            }
        }
        for (ColumnSpec column : spec.dataset().columns()) {
            if (!profile.fileColumns().contains(column.name())) {
                changes.add(new SchemaChange(column.name(), SchemaChange.REMOVED, SchemaChange.CONTRACT, column.type().yamlName(), null));
                continue;
            }
            ColumnProfile found = profile.columns().get(column.name());
            boolean noValueOfItsType = found != null && found.count() == 0 && result.violations().stream()
                    .anyMatch(v -> column.name().equals(v.column()) && (ContractViolation.NOT_NUMERIC.equals(v.code())
                            || ContractViolation.BAD_TIMESTAMP.equals(v.code())));
            if (noValueOfItsType) {
                changes.add(new SchemaChange(column.name(), SchemaChange.RETYPED, SchemaChange.CONTRACT, column.type().yamlName(), "text"));
            }
        }
    }

    /** Differences with the production model's dataset: what it had and this one lacks, what is new, what changed type. */
    private static void productionChanges(DatasetProfile profile, DatasetProfile production, List<SchemaChange> changes) {
        Set<String> before = new LinkedHashSet<>(production.fileColumns() != null ? production.fileColumns()
                : production.columns().keySet());
        Set<String> now = new LinkedHashSet<>(profile.fileColumns() != null ? profile.fileColumns() : profile.columns().keySet());
        before.stream().filter(c -> !now.contains(c))
                .forEach(c -> changes.add(new SchemaChange(c, SchemaChange.REMOVED, SchemaChange.PRODUCTION, typeOf(production, c), null)));
        now.stream().filter(c -> !before.contains(c))
                .forEach(c -> changes.add(new SchemaChange(c, SchemaChange.ADDED, SchemaChange.PRODUCTION, null, typeOf(profile, c))));
        profile.columns().forEach((name, column) -> {
            ColumnProfile old = production.columns().get(name);
            if (old != null && old.type() != null && !old.type().equals(column.type())) {
                changes.add(new SchemaChange(name, SchemaChange.RETYPED, SchemaChange.PRODUCTION, old.type(), column.type()));
            }
        });
    }

    private static String typeOf(DatasetProfile profile, String column) {
        ColumnProfile found = profile.columns().get(column);
        return found == null ? "undeclared" : found.type();
    }

    /** The age of the newest time at publish time; refused when older than quality.maxAge. */
    private static Optional<Duration> freshness(DatasetProfile profile, PipelineSpec spec, Instant publishedAt,
            List<ContractViolation> rejections, List<String> warnings) {
        Optional<String> time = spec.dataset().timeColumn();
        ColumnProfile column = time.map(profile.columns()::get).orElse(null);
        if (column == null || column.latest() == null) {
            return Optional.empty();
        }
        Instant newest = Instant.parse(column.latest());
        Duration age = Duration.between(newest, publishedAt);
        if (age.isNegative()) {
            warnings.add("the newest time of '" + time.get() + "' (" + newest + ") is after the publish time (" + publishedAt
                    + "): a clock or time zone problem?");
        }
        spec.quality().maxAgeDuration().filter(maxAge -> age.compareTo(maxAge) > 0).ifPresent(maxAge -> rejections.add(new ContractViolation(
                ContractViolation.STALE_DATA, time.get(), "the newest time " + newest + " was " + readable(age)
                + " old at publish time; quality.maxAge is " + spec.quality().maxAge(), readable(age), "at most " + spec.quality().maxAge())));
        return Optional.of(age);
    }

    private static void timeSplit(DatasetProfile profile, PipelineSpec spec, List<ContractViolation> rejections) {
        if (!SplitSpec.BY_TIME.equals(spec.features().split().method(spec.dataset()))) {
            return;
        }
        String time = spec.dataset().time();
        ColumnProfile column = profile.columns().get(time);
        if (column != null && column.earliest() != null && column.earliest().equals(column.latest())) {
            rejections.add(new ContractViolation(ContractViolation.TIME_SPLIT_UNUSABLE, time, "every row of '" + time
                    + "' is at " + column.earliest() + ": a time split needs rows at different times", "1 distinct time",
                    "rows at different times"));
        }
    }

    private static String readable(Duration age) {
        long days = age.toDays();
        return days >= 1 ? days + " day(s)" : age.toHours() >= 1 ? age.toHours() + " hour(s)" : age.toMinutes() + " minute(s)";
    }
}

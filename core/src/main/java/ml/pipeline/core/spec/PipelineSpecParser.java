package ml.pipeline.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import ml.pipeline.core.Texts;
import ml.pipeline.core.evaluation.Metric;
import ml.pipeline.core.notify.AlertKind;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;

/** Reads a pipeline spec from YAML and checks it, reporting every problem at once. */
public final class PipelineSpecParser {
    /** Pipeline and model names travel in Kafka keys, S3 keys and URLs. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final double EPSILON = 1e-9;

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Parses and checks; throws {@link InvalidSpecException} listing every problem. */
    public PipelineSpec parse(String yamlText) {
        if (yamlText == null || yamlText.isBlank()) {
            throw new InvalidSpecException(List.of("the spec is empty"));
        }
        PipelineSpec spec;
        try {
            spec = yaml.readValue(yamlText, PipelineSpec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidSpecException(List.of(parentPath(e) + ": unknown setting '" + e.getPropertyName()
                    + "' (known here: " + e.getKnownPropertyIds() + ")"));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamReadException syntax) {
                throw notYaml(syntax);
            }
            throw new InvalidSpecException(List.of(path(e) + ": " + rootMessage(e)));
        } catch (JsonProcessingException e) {
            throw notYaml(e);
        }
        if (spec == null) {
            throw new InvalidSpecException(List.of("the spec is empty"));
        }
        List<String> problems = check(spec);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        return spec;
    }

    /** Writes a spec back as YAML (with every default made explicit). */
    public String toYaml(PipelineSpec spec) {
        try {
            return yaml.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a spec as YAML", e);
        }
    }

    static List<String> check(PipelineSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec.pipeline() == null || !NAME.matcher(spec.pipeline()).matches()) {
            problems.add("pipeline: a name of lower-case letters, digits, '-' or '_' is required, got '" + spec.pipeline() + "'");
        }
        if (spec.experiment() != null && !NAME.matcher(spec.experiment()).matches()) {
            problems.add("experiment: lower-case letters, digits, '-' or '_', got '" + spec.experiment() + "'");
        }
        checkDataset(spec.dataset(), problems);
        checkFeatures(spec.features(), problems);
        checkModel(spec, problems);
        checkSearch(spec, problems);
        checkGate(spec, problems);
        checkPromotion(spec.promotion(), problems);
        checkDrift(spec, problems);
        checkDataChecks(spec, problems);
        checkNotify(spec.notifications(), problems);
        if (spec.source() != null) {
            checkSource(spec.source(), problems);
        }
        long maxBytes = spec.limits().maxDatasetBytes();
        if (maxBytes < 1 || maxBytes > LimitsSpec.MAX_DATASET_BYTES) {
            problems.add("limits.maxDatasetBytes: from 1 to " + LimitsSpec.MAX_DATASET_BYTES + " bytes, got " + maxBytes);
        }
        return problems;
    }

    private static void checkDataset(DatasetContract dataset, List<String> problems) {
        if (dataset == null) {
            problems.add("dataset: the dataset contract is required (columns and label at least)");
            return;
        }
        if (!DatasetContract.FORMATS.contains(dataset.format())) {
            problems.add("dataset.format: use one of " + DatasetContract.FORMATS + ", got '" + dataset.format() + "'");
        }
        if (dataset.columns().isEmpty()) {
            problems.add("dataset.columns: at least the label and one feature column are required");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < dataset.columns().size(); i++) {
            ColumnSpec column = dataset.columns().get(i);
            String where = "dataset.columns[" + i + "]";
            if (column.name() == null || column.name().isBlank()) {
                problems.add(where + ".name: required");
                continue;
            }
            if (!seen.add(column.name())) {
                problems.add(where + ": column '" + column.name() + "' is declared twice");
            }
            if (column.type() == null) {
                problems.add(where + ".type: required for '" + column.name() + "' (numeric, categorical, string or timestamp)");
            } else if (column.type() != ColumnType.NUMERIC && (column.min() != null || column.max() != null)) {
                problems.add(where + ": min/max apply to numeric columns only, '" + column.name() + "' is " + column.type().yamlName());
            } else if (column.type() != ColumnType.CATEGORICAL && !column.categories().isEmpty()) {
                problems.add(where + ": categories apply to categorical columns only, '" + column.name() + "' is " + column.type().yamlName());
            }
            if (column.min() != null && column.max() != null && column.min() > column.max()) {
                problems.add(where + ": min " + column.min() + " is above max " + column.max());
            }
        }
        if (dataset.label() == null) {
            problems.add("dataset.label: the label column is required");
        } else if (dataset.column(dataset.label()).isEmpty()) {
            problems.add("dataset.label: '" + dataset.label() + "' is not among the declared columns");
        } else if (dataset.column(dataset.label()).get().type() == ColumnType.STRING
                || dataset.column(dataset.label()).get().type() == ColumnType.TIMESTAMP) {
            problems.add("dataset.label: '" + dataset.label() + "' must be numeric (0/1) or categorical (two classes)");
        }
        dataset.idColumn().filter(id -> dataset.column(id).isEmpty())
                .ifPresent(id -> problems.add("dataset.id: '" + id + "' is not among the declared columns"));
        dataset.timeColumn().filter(time -> dataset.column(time).isEmpty())
                .ifPresent(time -> problems.add("dataset.time: '" + time + "' is not among the declared columns"));
        if (dataset.minRows() < 10) {
            problems.add("dataset.minRows: at least 10 rows are needed to split and evaluate, got " + dataset.minRows());
        }
        long features = dataset.columns().stream()
                .filter(c -> c.name() != null && !c.name().equals(dataset.label()))
                .filter(c -> !c.name().equals(dataset.id()) && !c.name().equals(dataset.time()))
                .filter(c -> c.type() == ColumnType.NUMERIC || c.type() == ColumnType.CATEGORICAL)
                .count();
        if (!dataset.columns().isEmpty() && features == 0) {
            problems.add("dataset.columns: no feature column (a numeric or categorical column other than label, id and time)");
        }
    }

    private static void checkFeatures(FeatureSpec features, List<String> problems) {
        SplitSpec split = features.split();
        if (split.train() <= 0 || split.validation() < 0 || split.holdout() <= 0) {
            problems.add("features.split: train and holdout must be above 0 and validation not below 0");
        } else if (Math.abs(split.train() + split.validation() + split.holdout() - 1.0) > EPSILON) {
            problems.add("features.split: train + validation + holdout must add up to 1, got "
                    + (split.train() + split.validation() + split.holdout()));
        }
        if (!Set.of("mean", "median").contains(features.impute())) {
            problems.add("features.impute: use mean or median, got '" + features.impute() + "'");
        }
        if (features.maxCategories() < 1) {
            problems.add("features.maxCategories: at least 1, got " + features.maxCategories());
        }
    }

    private static void checkModel(PipelineSpec spec, List<String> problems) {
        ModelSpec model = spec.model();
        if (model == null) {
            problems.add("model: required (type at least: logistic or mlp)");
            return;
        }
        if (model.name() != null && !NAME.matcher(model.name()).matches()) {
            problems.add("model.name: lower-case letters, digits, '-' or '_', got '" + model.name() + "'");
        }
        if (model.type() == ModelType.MLP && model.hiddenLayers().isEmpty()) {
            problems.add("model.hiddenLayers: an mlp needs at least one hidden layer");
        }
        if (model.hiddenLayers().stream().anyMatch(width -> width == null || width < 1)) {
            problems.add("model.hiddenLayers: every layer needs at least 1 unit");
        }
        positive(problems, "model.epochs", model.epochs());
        positive(problems, "model.batchSize", model.batchSize());
        checkSize(problems, model);
        positive(problems, "model.checkpointEverySteps", model.checkpointEverySteps());
        positive(problems, "model.keepCheckpoints", model.keepCheckpoints());
        if (!(model.learningRate() > 0)) {
            problems.add("model.learningRate: must be above 0, got " + model.learningRate());
        }
        EarlyStoppingSpec stopping = model.earlyStopping();
        if (!EarlyStoppingSpec.METRICS.contains(stopping.metric())) {
            problems.add("model.earlyStopping.metric: use one of " + EarlyStoppingSpec.METRICS + ", got '"
                    + stopping.metric() + "'");
        }
        if (stopping.patience() < 0) {
            problems.add("model.earlyStopping.patience: checkpoints without improvement, 0 (never stop early) or more, got "
                    + stopping.patience());
        }
        if (!(stopping.minDelta() >= 0) || stopping.minDelta().isInfinite()) {
            problems.add("model.earlyStopping.minDelta: an improvement of 0 or more, got " + stopping.minDelta());
        }
    }

    private static void checkSearch(PipelineSpec spec, List<String> problems) {
        SearchSpec search = spec.search();
        if (search == null) {
            return;
        }
        if (!SearchSpec.STRATEGIES.contains(search.strategy())) {
            problems.add("search.strategy: use one of " + SearchSpec.STRATEGIES + ", got '" + search.strategy() + "'");
        }
        if (search.trials() < 1 || search.trials() > SearchSpec.MAX_TRIALS) {
            problems.add("search.trials: from 1 to " + SearchSpec.MAX_TRIALS + ", got " + search.trials());
        }
        if (!EarlyStoppingSpec.METRICS.contains(search.metric())) {
            problems.add("search.metric: use one of " + EarlyStoppingSpec.METRICS + ", got '" + search.metric() + "'");
        }
        if (!List.of(SearchSpec.MAX, SearchSpec.MIN).contains(search.direction())) {
            problems.add("search.direction: max or min, got '" + search.direction() + "'");
        }
        SearchSpec.Space space = search.space();
        SearchSpec.Range rate = space.learningRate();
        if (rate != null) {
            if (rate.values().isEmpty() && (rate.min() == null || rate.max() == null)) {
                problems.add("search.space.learningRate: a range {min, max, scale: log|linear} or values: [...]");
            } else if (rate.values().isEmpty() && !(rate.min() > 0 && rate.max() >= rate.min())) {
                problems.add("search.space.learningRate: 0 < min <= max, got " + rate.min() + " to " + rate.max());
            }
            if (!List.of(SearchSpec.Range.LOG, SearchSpec.Range.LINEAR).contains(rate.scale())) {
                problems.add("search.space.learningRate.scale: log or linear, got '" + rate.scale() + "'");
            }
            if (rate.values().stream().anyMatch(v -> v == null || !(v > 0))) {
                problems.add("search.space.learningRate.values: every learning rate must be above 0");
            }
            if (SearchSpec.GRID.equals(search.strategy()) && rate.values().isEmpty()) {
                problems.add("search.space.learningRate: a grid needs values: [...], not a range");
            }
        }
        if (space.batchSize().stream().anyMatch(b -> b == null || b < 1 || b > MAX_BATCH_SIZE)) {
            problems.add("search.space.batchSize: every batch size from 1 to " + MAX_BATCH_SIZE);
        }
        if (space.epochs().stream().anyMatch(e -> e == null || e < 1 || e > MAX_EPOCHS)) {
            problems.add("search.space.epochs: every epoch count from 1 to " + MAX_EPOCHS);
        }
        for (List<Integer> layers : space.hiddenLayers()) {
            List<String> found = new ArrayList<>();
            ModelSpec base = spec.model();
            if (base != null) {
                checkSize(found, new ModelSpec(base.name(), base.type(), layers, base.epochs(), base.batchSize(),
                        base.learningRate(), base.seed(), base.checkpointEverySteps(), base.keepCheckpoints(),
                        base.earlyStopping()));
            }
            if (layers.stream().anyMatch(w -> w == null || w < 1)
                    || (base != null && base.type() == ModelType.MLP && layers.isEmpty())) {
                found.add("every layer needs at least 1 unit, and an mlp at least one layer");
            }
            found.forEach(problem -> problems.add("search.space.hiddenLayers " + layers + ": "
                    + problem.replace("model.hiddenLayers: ", "")));
        }
        if (rate == null && space.hiddenLayers().isEmpty() && space.batchSize().isEmpty() && space.epochs().isEmpty()) {
            problems.add("search.space: nothing to vary (learningRate, hiddenLayers, batchSize or epochs)");
        }
        SearchSpec.Scheduler scheduler = search.scheduler();
        if (!SearchSpec.Scheduler.TYPES.contains(scheduler.type())) {
            problems.add("search.scheduler.type: use one of " + SearchSpec.Scheduler.TYPES + ", got '" + scheduler.type() + "'");
        }
        if (scheduler.minEpochs() < 1) {
            problems.add("search.scheduler.minEpochs: at least 1, got " + scheduler.minEpochs());
        }
        if (scheduler.reductionFactor() < 2) {
            problems.add("search.scheduler.reductionFactor: at least 2 (keep the best half or fewer), got "
                    + scheduler.reductionFactor());
        }
    }

    private static void checkGate(PipelineSpec spec, List<String> problems) {
        GateSpec gate = spec.evaluation();
        Set<String> named = new HashSet<>(gate.minimums().keySet());
        named.addAll(gate.maximums().keySet());
        named.add(gate.compareMetric());
        Set<String> unknown = named.stream().filter(m -> Metric.byName(m).isEmpty()).collect(Collectors.toSet());
        if (!unknown.isEmpty()) {
            problems.add("evaluation: unknown metric(s) " + unknown + "; known: " + Metric.names());
        }
        if (gate.maxSliceDrop() < 0) {
            problems.add("evaluation.maxSliceDrop: must not be negative, got " + gate.maxSliceDrop());
        }
        for (int i = 0; i < gate.properties().size(); i++) {
            checkProperty(spec, "evaluation.properties[" + i + "]", gate.properties().get(i), problems);
        }
        if (spec.dataset() != null) {
            for (String slice : gate.slices()) {
                if (spec.dataset().column(slice).filter(c -> c.type() == ColumnType.CATEGORICAL).isEmpty()) {
                    problems.add("evaluation.slices: '" + slice + "' must be a declared categorical column");
                }
            }
        }
    }

    private static void checkProperty(PipelineSpec spec, String where, PropertySpec property, List<String> problems) {
        if (property == null) {
            problems.add(where + ": a property {type: monotonic|invariant, column: ...}");
            return;
        }
        if (property.type() == null || !PropertySpec.TYPES.contains(property.type())) {
            problems.add(where + ".type: use one of " + PropertySpec.TYPES + ", got '" + property.type() + "'");
        }
        Optional<ColumnSpec> column = spec.dataset() == null || property.column() == null ? Optional.empty()
                : spec.dataset().column(property.column());
        if (column.isEmpty()) {
            problems.add(where + ".column: a declared column, got '" + property.column() + "'");
        } else if (column.get().name().equals(spec.dataset().label())) {
            problems.add(where + ".column: '" + property.column() + "' is the label");
        } else if (PropertySpec.MONOTONIC.equals(property.type()) && column.get().type() != ColumnType.NUMERIC) {
            problems.add(where + ": monotonicity needs a numeric column, '" + property.column() + "' is "
                    + (column.get().type() == null ? "untyped" : column.get().type().yamlName()));
        }
        if (PropertySpec.MONOTONIC.equals(property.type())
                && (property.direction() == null || !PropertySpec.DIRECTIONS.contains(property.direction()))) {
            problems.add(where + ".direction: use one of " + PropertySpec.DIRECTIONS + ", got '" + property.direction() + "'");
        }
        if (!(property.tolerance() >= 0 && property.tolerance() <= 1)) {
            problems.add(where + ".tolerance: a change of probability from 0 to 1, got " + property.tolerance());
        }
        if (!(property.maxViolations() >= 0 && property.maxViolations() <= 1)) {
            problems.add(where + ".maxViolations: a share of the rows from 0 to 1, got " + property.maxViolations());
        }
        if (property.steps() < 2 || property.steps() > 100) {
            problems.add(where + ".steps: from 2 to 100, got " + property.steps());
        }
        if (property.rows() < 1 || property.rows() > 100_000) {
            problems.add(where + ".rows: from 1 to 100000, got " + property.rows());
        }
    }

    private static void checkPromotion(PromotionPolicy promotion, List<String> problems) {
        if (!Set.of(PromotionPolicy.AUTO, PromotionPolicy.MANUAL).contains(promotion.mode())) {
            problems.add("promotion.mode: use auto or manual, got '" + promotion.mode() + "'");
        }
        if (!PromotionPolicy.TARGET_STAGES.contains(ModelStage.byName(promotion.stage()).orElse(ModelStage.NONE))) {
            problems.add("promotion.stage: use one of " + PromotionPolicy.TARGET_STAGES + ", got '" + promotion.stage() + "'");
        }
        if (!PromotionPolicy.isValidShare(promotion.trafficShare())) {
            problems.add("promotion.trafficShare: a canary's share of the traffic, above 0 and below 1, got "
                    + promotion.trafficShare());
        }
    }

    private static void checkDrift(PipelineSpec spec, List<String> problems) {
        DriftSpec drift = spec.drift();
        checkLimits("drift.psi", drift.psi(), problems);
        checkLimits("drift.ks", drift.ks(), problems);
        checkLimits("drift.unseen", drift.unseen(), problems);
        checkLimits("drift.priorShift", drift.priorShift(), problems);
        drift.columns().forEach((column, limits) -> {
            if (spec.dataset() != null && spec.dataset().column(column).isEmpty()) {
                problems.add("drift.columns: '" + column + "' is not a declared column");
            }
            if (limits != null) {
                checkLimits("drift.columns." + column + ".psi", limits.psi(), problems);
                checkLimits("drift.columns." + column + ".ks", limits.ks(), problems);
                checkLimits("drift.columns." + column + ".unseen", limits.unseen(), problems);
            }
        });
    }

    private static void checkDataChecks(PipelineSpec spec, List<String> problems) {
        if (!SchemaSpec.ACTIONS.contains(spec.schema().addedColumns())) {
            problems.add("schema.addedColumns: use warn or reject, got '" + spec.schema().addedColumns() + "'");
        }
        checkLimits("leakage.auc", spec.leakage().auc(), problems);
        for (Double level : new Double[] {spec.leakage().auc().warn(), spec.leakage().auc().reject()}) {
            if (level != null && (level < 0.5 || level > 1)) {
                problems.add("leakage.auc: levels are ROC AUCs from 0.5 to 1, got " + level);
            }
        }
        try {
            spec.quality().maxAgeDuration().filter(age -> age.isNegative() || age.isZero())
                    .ifPresent(age -> problems.add("quality.maxAge: must be above zero, got " + spec.quality().maxAge()));
        } catch (IllegalArgumentException e) {
            problems.add("quality.maxAge: " + e.getMessage());
        }
        DatasetContract dataset = spec.dataset();
        if (spec.quality().maxAge() != null && dataset != null && dataset.timeColumn().isEmpty()) {
            problems.add("quality.maxAge: needs dataset.time, the timestamp column whose newest value is the data's age");
        }
        String by = spec.features().split().by();
        if (by != null && !SplitSpec.BY.contains(by)) {
            problems.add("features.split.by: use one of " + SplitSpec.BY + ", got '" + by + "'");
        } else if (dataset != null && SplitSpec.BY_TIME.equals(by) && dataset.timeColumn().isEmpty()) {
            problems.add("features.split.by: a time split needs dataset.time naming a timestamp column");
        } else if (dataset != null && SplitSpec.BY_ID.equals(by) && dataset.idColumn().isEmpty()) {
            problems.add("features.split.by: an id split needs dataset.id naming the id column");
        }
        if (dataset != null) {
            dataset.timeColumn().flatMap(dataset::column).filter(c -> c.type() != null && c.type() != ColumnType.TIMESTAMP)
                    .ifPresent(c -> problems.add("dataset.time: '" + c.name() + "' must be a timestamp column, it is "
                            + c.type().yamlName()));
        }
    }

    private static void checkSource(SourceSpec source, List<String> problems) {
        cronProblem(source.schedule()).ifPresent(problem -> problems.add("source.schedule: " + problem));
        if ((source.s3Prefix() == null) == (source.jdbc() == null)) {
            problems.add("source: exactly one of s3Prefix (s3://bucket/prefix/) or jdbc ({url, query, credentials}), got "
                    + (source.jdbc() == null ? "neither" : "both"));
        }
        if (source.s3Prefix() != null) {
            s3PrefixProblem(source.s3Prefix()).ifPresent(problem -> problems.add("source.s3Prefix: " + problem));
        }
        SourceSpec.Jdbc jdbc = source.jdbc();
        if (jdbc != null) {
            jdbcUrlProblem(jdbc.url()).ifPresent(problem -> problems.add("source.jdbc.url: " + problem));
            if (jdbc.query() == null || jdbc.query().isBlank()) {
                problems.add("source.jdbc.query: required, the SELECT whose rows are the dataset (with an ORDER BY)");
            }
            if (jdbc.credentials() == null || !SourceSpec.CREDENTIALS_NAME.matcher(jdbc.credentials()).matches()) {
                problems.add("source.jdbc.credentials: the name of ingest's settings " + SourceSpec.CREDENTIALS_SETTING
                        + "<NAME>.user and .password (letters, digits and '_', starting with a letter), not the credentials"
                        + " themselves; got " + (jdbc.credentials() == null ? "none"
                        : jdbc.credentials().length() > 8 ? "a value of " + jdbc.credentials().length() + " characters"
                        : "'" + jdbc.credentials() + "'"));
            }
        }
    }

    /** The buckets the pipeline writes itself: a source polling one of them would read its own outputs. */
    private static final Set<String> OWN_BUCKETS = Set.of(StorageLayout.DATASETS,
            StorageLayout.SPECS, StorageLayout.FEATURES,
            StorageLayout.MODELS);
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*?/,#-]+");

    /**
     * Why {@code schedule} cannot be a cron expression with seconds, if it plainly cannot: 6 or 7
     * fields (seconds minutes hours day-of-month month day-of-week [year]). Ingest checks the rest
     * (ranges, names) with the scheduler's own parser when the spec is stored.
     */
    static Optional<String> cronProblem(String schedule) {
        if (schedule == null || schedule.isBlank()) {
            return Optional.of("required, a cron expression with seconds, e.g. \"0 */5 * * * ?\" (every five minutes)");
        }
        String[] fields = schedule.strip().split("\\s+");
        if (fields.length < 6 || fields.length > 7) {
            return Optional.of("a cron expression of 6 or 7 fields (seconds minutes hours day-of-month month day-of-week"
                    + " [year]), got " + fields.length + " in '" + Texts.bounded(schedule) + "'");
        }
        for (String field : fields) {
            if (!CRON_FIELD.matcher(field).matches()) {
                return Optional.of("'" + Texts.bounded(field) + "' is not a cron field (digits, names, * ? / , - # L W)");
            }
        }
        return Optional.empty();
    }

    /** Why {@code prefix} cannot be polled, if it cannot: s3://bucket/prefix/ in a bucket the pipeline does not write. */
    static Optional<String> s3PrefixProblem(String prefix) {
        if (prefix == null || !prefix.startsWith("s3://")) {
            return Optional.of("an s3://bucket/prefix/ address in the pipeline's S3 store, got '" + Texts.bounded(prefix) + "'");
        }
        String rest = prefix.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (!BUCKET.matcher(bucket).matches()) {
            return Optional.of("'" + Texts.bounded(bucket) + "' is not a bucket name (3-63 lower-case letters, digits, '.' or '-')");
        }
        if (OWN_BUCKETS.contains(bucket)) {
            return Optional.of("the bucket '" + bucket + "' holds the pipeline's own outputs; put incoming files in a bucket of"
                    + " their own, e.g. s3://incoming/" + (slash < 0 ? "" : rest.substring(slash + 1)));
        }
        if (slash < 0 || slash == rest.length() - 1) {
            return Optional.of("a key prefix inside the bucket is required, e.g. s3://" + bucket + "/" + "incoming/");
        }
        try {
            S3Uri.parse(prefix);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    /** Why {@code url} cannot be a source's JDBC URL, if it cannot: jdbc:..., and no password in it. */
    static Optional<String> jdbcUrlProblem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("required, e.g. jdbc:postgresql://host:5432/database");
        }
        if (!url.startsWith("jdbc:")) {
            return Optional.of("a JDBC URL (jdbc:postgresql://host:5432/database), got '" + Texts.bounded(url) + "'");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.contains("password=") || lower.contains("user=") || lower.matches("jdbc:[a-z0-9]+://[^/]*@.*")) {
            return Optional.of("credentials in the URL; name them with source.jdbc.credentials instead (the spec is stored"
                    + " and shown, a password in it would be too)");
        }
        return Optional.empty();
    }

    private static void checkNotify(NotifySpec notify, List<String> problems) {
        List<NotifySpec.Webhook> hooks = notify.webhooks();
        if (hooks.size() > NotifySpec.MAX_WEBHOOKS) {
            problems.add("notify.webhooks: at most " + NotifySpec.MAX_WEBHOOKS + " webhooks, got " + hooks.size());
        }
        Map<String, Integer> urls = new HashMap<>();
        for (int i = 0; i < hooks.size(); i++) {
            String where = "notify.webhooks[" + i + "]";
            NotifySpec.Webhook hook = hooks.get(i);
            if (hook == null) {
                problems.add(where + ": a webhook {url: https://..., on: [...], secret: NAME}");
                continue;
            }
            webhookUrlProblem(hook.url()).ifPresent(problem -> problems.add(where + ".url: " + problem));
            if (hook.url() != null) {
                Integer earlier = urls.putIfAbsent(hook.url().strip(), i);
                if (earlier != null) {
                    problems.add(where + ": the same url as notify.webhooks[" + earlier
                            + "]; list every kind in one webhook's on: [...]");
                }
            }
            if (hook.on().isEmpty()) {
                problems.add(where + ".on: at least one of " + AlertKind.names() + " (leave on out for all of them)");
            }
            Set<String> kinds = new HashSet<>();
            for (String kind : hook.on()) {
                if (kind == null || AlertKind.byName(kind).isEmpty()) {
                    problems.add(where + ".on: unknown alert kind '" + kind + "', use " + AlertKind.names());
                } else if (!kinds.add(kind)) {
                    problems.add(where + ".on: '" + kind + "' is listed twice");
                }
            }
            if (hook.secret() != null && !NotifySpec.SECRET_NAME.matcher(hook.secret()).matches()) {
                problems.add(where + ".secret: the name of the registry's setting " + NotifySpec.SECRET_SETTING
                        + "<NAME> (letters, digits and '_', starting with a letter), not the secret itself; got "
                        + (hook.secret().length() > 8 ? "a value of " + hook.secret().length() + " characters" : "'" + hook.secret() + "'"));
            }
        }
    }

    /** Why {@code url} cannot be a webhook's address, if it cannot: absolute http(s), a host, no user or password. */
    static Optional<String> webhookUrlProblem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("required, an http:// or https:// address");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.of("not a URL (" + e.getReason() + "): '" + Texts.bounded(url) + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("an http:// or https:// address, got '" + Texts.bounded(url) + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("no host in '" + Texts.bounded(url) + "'");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("a user or password in the address would be stored with the spec; "
                    + "let the receiver check the signature (secret:) instead");
        }
        return Optional.empty();
    }

    private static void checkLimits(String where, DriftSpec.Limits limits, List<String> problems) {
        if (limits == null) {
            return;
        }
        for (Double level : new Double[] {limits.warn(), limits.reject()}) {
            if (level != null && (level < 0 || level.isNaN() || level.isInfinite())) {
                problems.add(where + ": levels are scores of 0 or more, got " + level);
            }
        }
        if (limits.warn() != null && limits.reject() != null && limits.warn() > limits.reject()) {
            problems.add(where + ": warn " + limits.warn() + " is above reject " + limits.reject());
        }
    }

    /** Sizes past which a model would exhaust the trainer, not teach it: refused before any run starts. */
    static final int MAX_LAYERS = 16;
    static final int MAX_LAYER_WIDTH = 4096;
    static final int MAX_EPOCHS = 10_000;
    static final int MAX_BATCH_SIZE = 65_536;
    static final long MAX_HIDDEN_WEIGHTS = 20_000_000L;

    private static void checkSize(List<String> problems, ModelSpec model) {
        List<Integer> layers = model.hiddenLayers().stream().filter(w -> w != null && w > 0).toList();
        if (model.hiddenLayers().size() > MAX_LAYERS) {
            problems.add("model.hiddenLayers: at most " + MAX_LAYERS + " layers, got " + model.hiddenLayers().size());
        }
        layers.stream().filter(width -> width > MAX_LAYER_WIDTH).findFirst().ifPresent(width ->
                problems.add("model.hiddenLayers: at most " + MAX_LAYER_WIDTH + " units a layer, got " + width));
        long weights = 0;
        for (int i = 1; i < layers.size(); i++) {
            weights += (long) layers.get(i - 1) * layers.get(i);
        }
        if (weights > MAX_HIDDEN_WEIGHTS) {
            problems.add("model.hiddenLayers: at most " + MAX_HIDDEN_WEIGHTS + " weights between hidden layers, got " + weights);
        }
        if (model.epochs() > MAX_EPOCHS) {
            problems.add("model.epochs: at most " + MAX_EPOCHS + ", got " + model.epochs());
        }
        if (model.batchSize() > MAX_BATCH_SIZE) {
            problems.add("model.batchSize: at most " + MAX_BATCH_SIZE + ", got " + model.batchSize());
        }
    }

    private static void positive(List<String> problems, String where, int value) {
        if (value < 1) {
            problems.add(where + ": must be at least 1, got " + value);
        }
    }

    private static InvalidSpecException notYaml(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
        return new InvalidSpecException(List.of("not valid YAML" + where + ": " + e.getOriginalMessage()));
    }

    private static String parentPath(JsonMappingException e) {
        return path(e.getPath().subList(0, Math.max(0, e.getPath().size() - 1)));
    }

    private static String path(JsonMappingException e) {
        return path(e.getPath());
    }

    private static String path(List<JsonMappingException.Reference> references) {
        String path = references.stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        return path.isEmpty() ? "spec" : path.substring(path.startsWith(".") ? 1 : 0);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof JsonMappingException mapping ? mapping.getOriginalMessage() : cause.getMessage();
    }
}

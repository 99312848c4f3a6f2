package ml.pipeline.registry.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ml.pipeline.registry.storage.TrainingMetricEntity;
import ml.pipeline.registry.storage.TrainingRunEntity;

/**
 * A training run as the tracking API shows it: what it trained with, where it ended, its best
 * checkpoint and the metrics of its newest one; {@link Details} adds the lineage, the
 * environment and the metric history.
 */
public record TrackedRun(String trainingRunId, String runId, String pipeline, String experiment, String model,
        String searchId, int trial, int trials, String status, boolean winner, Map<String, String> hyperparameters,
        long lastStep, int lastEpoch, Map<String, Double> lastMetrics, Long bestStep, String bestMetric, Double bestValue,
        Instant startedAt, Instant endedAt, String reproduces) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Double>> NUMBERS = new TypeReference<>() { };

    public static TrackedRun of(TrainingRunEntity e) {
        return new TrackedRun(e.trainingRunId, e.runId, e.pipeline, e.experiment, e.modelName, e.searchId, e.trial, e.trials,
                e.status, e.winner, read(e.hyperparameters, STRINGS), e.lastStep, e.lastEpoch, read(e.lastMetrics, NUMBERS),
                e.bestStep, e.bestMetric, e.bestValue, e.startedAt, e.endedAt, e.reproduces);
    }

    /** One checkpoint of the history; {@code parametersSha256}: its parameters' hash (equal: bit-identical models). */
    public record Checkpoint(long step, int epoch, Map<String, Double> metrics, String parametersSha256, Instant at) {
        static Checkpoint of(TrainingMetricEntity e) {
            return new Checkpoint(e.step, e.epoch, read(e.metrics, NUMBERS), e.parametersSha256, e.recordedAt);
        }
    }

    /** The metrics one checkpoint of the history recorded. */
    public static Map<String, Double> metricsOf(TrainingMetricEntity checkpoint) {
        return read(checkpoint.metrics, NUMBERS);
    }

    /** One metric's value at one checkpoint. */
    public record Point(long step, int epoch, Double value) {
    }

    /**
     * Everything the record holds of one run; {@code bestMetrics} and {@code bestParametersSha256}:
     * those of the checkpoint it ships.
     */
    public record Details(TrackedRun run, String codeVersion, String device, Map<String, String> environment,
            String datasetName, String datasetVersion, String datasetUri, String specUri, String specHash,
            String transformVersion, String bestUri, Map<String, Double> bestMetrics, String bestParametersSha256,
            List<Checkpoint> history) {

        public static Details of(TrainingRunEntity e, List<TrainingMetricEntity> history) {
            List<Checkpoint> checkpoints = history.stream().map(Checkpoint::of).toList();
            Optional<Checkpoint> best = checkpoints.stream().filter(c -> e.bestStep != null && c.step() == e.bestStep)
                    .findFirst();
            return new Details(TrackedRun.of(e), e.codeVersion, e.device, read(e.environment, STRINGS), e.datasetName,
                    e.datasetVersion, e.datasetUri, e.specUri, e.specHash, e.transformVersion, e.bestUri,
                    best.map(Checkpoint::metrics).orElse(Map.of()), best.map(Checkpoint::parametersSha256).orElse(null),
                    checkpoints);
        }
    }

    /** The history of one metric; a checkpoint that did not measure it is left out. */
    public static List<Point> history(String metric, List<TrainingMetricEntity> history) {
        return history.stream().map(Checkpoint::of).filter(c -> c.metrics().get(metric) != null)
                .map(c -> new Point(c.step(), c.epoch(), c.metrics().get(metric))).toList();
    }

    /**
     * Runs ordered by a metric of their newest checkpoint ({@code best}: by the value their best
     * checkpoint has of its early-stopping metric), best first unless {@code direction} says
     * otherwise: a loss is best low, any other metric high. Runs without the metric come last.
     */
    public static List<TrackedRun> orderBy(List<TrackedRun> runs, String metric, Optional<String> direction) {
        boolean ascending = direction.map("asc"::equalsIgnoreCase).orElse(metric.contains("loss"));
        Comparator<Double> values = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
        return runs.stream().sorted(Comparator.comparing((TrackedRun r) -> r.value(metric),
                Comparator.nullsLast(values))).toList();
    }

    private Double value(String metric) {
        return "best".equals(metric) ? bestValue : lastMetrics.get(metric);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("a tracking column does not hold JSON: " + e.getMessage(), e);
        }
    }
}

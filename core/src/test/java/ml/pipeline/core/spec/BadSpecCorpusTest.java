package ml.pipeline.core.spec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Specs a new user writes by mistake: each refused with a problem that names the setting, never an exception of another kind. */
class BadSpecCorpusTest {
    private static final String GOOD = """
            pipeline: corpus
            dataset:
              label: y
              columns: [{name: x, type: numeric}, {name: plan, type: categorical}, {name: y, type: numeric}]
            model: {type: mlp, hiddenLayers: [8]}
            """;

    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("not YAML", "pipeline: \"unterminated\n", "not valid YAML"),
                Arguments.of("a word for a section", "pipeline: p\ndataset: a: b: c\n", "dataset"),
                Arguments.of("a list for a name", "pipeline: [unclosed", "pipeline"),
                Arguments.of("empty", "", "the spec is empty"),
                Arguments.of("a list, not a mapping", "- a\n- b\n", "pipeline"),
                Arguments.of("an unknown setting", GOOD + "modle: {}\n", "modle"),
                Arguments.of("a word for a number", GOOD.replace("hiddenLayers: [8]", "hiddenLayers: [8], epochs: many"), "epochs"),
                Arguments.of("a name with spaces", GOOD.replace("pipeline: corpus", "pipeline: my pipeline"), "pipeline:"),
                Arguments.of("no dataset", "pipeline: p\nmodel: {type: logistic}\n", "dataset:"),
                Arguments.of("a label that is not a column", GOOD.replace("label: y", "label: z"), "dataset.label"),
                Arguments.of("an unknown column type", GOOD.replace("type: categorical", "type: colour"), "colour"),
                Arguments.of("an unknown model type", GOOD.replace("type: mlp", "type: svm"), "svm"),
                Arguments.of("a layer of a billion units", GOOD.replace("[8]", "[1000000000]"), "at most 4096 units"),
                Arguments.of("a negative learning rate", GOOD.replace("hiddenLayers: [8]", "hiddenLayers: [8], learningRate: -1"),
                        "model.learningRate"),
                Arguments.of("splits that do not add up", GOOD + "features: {split: {train: 0.9, validation: 0.2, holdout: 0.1}}\n",
                        "must add up to 1"),
                Arguments.of("an unknown gate metric", GOOD + "evaluation: {minimums: {auroc: 0.8}}\n", "auroc"),
                Arguments.of("a promotion stage that does not exist", GOOD + "promotion: {stage: live}\n", "promotion.stage"),
                Arguments.of("a traffic share of 2", GOOD + "promotion: {stage: canary, trafficShare: 2}\n", "promotion.trafficShare"),
                Arguments.of("a negative drift level", GOOD + "drift: {psi: {warn: -1}}\n", "drift.psi"),
                Arguments.of("a warn above its reject", GOOD + "drift: {ks: {warn: 0.5, reject: 0.3}}\n", "drift.ks: warn 0.5 is above"),
                Arguments.of("drift levels for an unknown column", GOOD + "drift: {columns: {region: {psi: {reject: 1}}}}\n",
                        "drift.columns: 'region'"),
                Arguments.of("a leakage AUC above 1", GOOD + "leakage: {auc: {reject: 1.5}}\n", "leakage.auc"),
                Arguments.of("an added-column action that does not exist", GOOD + "schema: {addedColumns: drop}\n",
                        "schema.addedColumns"),
                Arguments.of("a max age that is not a duration", GOOD.replace("label: y", "label: y\n  time: t")
                        .replace("{name: y, type: numeric}", "{name: y, type: numeric}, {name: t, type: timestamp}")
                        + "quality: {maxAge: soon}\n", "quality.maxAge: 'soon' is not a duration"),
                Arguments.of("a max age without a time column", GOOD + "quality: {maxAge: 30d}\n", "needs dataset.time"),
                Arguments.of("a time split without a time column", GOOD + "features: {split: {by: time}}\n",
                        "a time split needs dataset.time"),
                Arguments.of("an unknown split method", GOOD + "features: {split: {by: random}}\n", "features.split.by"),
                Arguments.of("a time column that is a number", GOOD.replace("label: y", "label: y\n  time: x"),
                        "dataset.time: 'x' must be a timestamp column"),
                Arguments.of("an early-stopping metric no checkpoint measures",
                        GOOD.replace("hiddenLayers: [8]", "hiddenLayers: [8], earlyStopping: {metric: loss}"),
                        "model.earlyStopping.metric"),
                Arguments.of("a negative patience",
                        GOOD.replace("hiddenLayers: [8]", "hiddenLayers: [8], earlyStopping: {patience: -1}"),
                        "model.earlyStopping.patience"),
                Arguments.of("a search strategy that does not exist", GOOD + "search: {strategy: bayes, space: {batchSize: [8]}}\n",
                        "search.strategy"),
                Arguments.of("a search with nothing to vary", GOOD + "search: {trials: 4}\n", "search.space: nothing to vary"),
                Arguments.of("a learning-rate range below zero", GOOD + "search: {space: {learningRate: {min: -1, max: 0.1}}}\n",
                        "search.space.learningRate"),
                Arguments.of("a grid over a range", GOOD + "search: {strategy: grid, space: {learningRate: {min: 0.01, max: 0.1}}}\n",
                        "a grid needs values"),
                Arguments.of("a reduction factor of 1", GOOD
                        + "search: {space: {batchSize: [8]}, scheduler: {type: successiveHalving, reductionFactor: 1}}\n",
                        "search.scheduler.reductionFactor"),
                Arguments.of("a trial layer of a billion units", GOOD + "search: {space: {hiddenLayers: [[8], [1000000000]]}}\n",
                        "at most 4096 units"),
                Arguments.of("a thousand trials", GOOD + "search: {trials: 1000, space: {batchSize: [8]}}\n", "search.trials"),
                Arguments.of("a property of an unknown kind", GOOD + "evaluation: {properties: [{type: fair, column: x}]}\n",
                        "evaluation.properties[0].type"),
                Arguments.of("monotonic in a categorical column",
                        GOOD + "evaluation: {properties: [{type: monotonic, column: plan, direction: increasing}]}\n",
                        "monotonicity needs a numeric column"),
                Arguments.of("monotonic without a direction", GOOD + "evaluation: {properties: [{type: monotonic, column: x}]}\n",
                        "evaluation.properties[0].direction"),
                Arguments.of("a property of an undeclared column", GOOD + "evaluation: {properties: [{type: invariant, column: z}]}\n",
                        "evaluation.properties[0].column"),
                Arguments.of("a dataset format we do not read", GOOD.replace("label: y", "label: y\n  format: xlsx"),
                        "dataset.format"),
                Arguments.of("an alert kind that does not exist", GOOD + "notify: {webhooks: [{url: 'https://h.example/x', on: [crash]}]}\n",
                        "notify.webhooks[0].on: unknown alert kind 'crash'"),
                Arguments.of("a webhook that is not http", GOOD + "notify: {webhooks: [{url: 'mailto:ops@example.com'}]}\n",
                        "notify.webhooks[0].url: an http:// or https:// address"),
                Arguments.of("a webhook without a url", GOOD + "notify: {webhooks: [{on: [failure]}]}\n",
                        "notify.webhooks[0].url: required"),
                Arguments.of("the same webhook twice", GOOD
                        + "notify: {webhooks: [{url: 'https://h.example/x', on: [failure]}, {url: 'https://h.example/x', on: [drift]}]}\n",
                        "notify.webhooks[1]: the same url as notify.webhooks[0]"),
                Arguments.of("a secret written into the spec", GOOD
                        + "notify: {webhooks: [{url: 'https://h.example/x', secret: 'xoxb-123-456'}]}\n",
                        "notify.webhooks[0].secret: the name of the registry's setting"),
                Arguments.of("a webhook setting that does not exist", GOOD
                        + "notify: {webhooks: [{url: 'https://h.example/x', events: [failure]}]}\n", "unknown setting 'events'"),
                Arguments.of("webhooks as a single mapping", GOOD + "notify: {webhooks: {url: 'https://h.example/x'}}\n",
                        "notify.webhooks"),
                Arguments.of("a source without a schedule", GOOD + "source: {s3Prefix: 's3://incoming/x/'}\n",
                        "source.schedule: required"),
                Arguments.of("a source on a five-field cron", GOOD + "source: {schedule: '*/5 * * * *', s3Prefix: 's3://incoming/x/'}\n",
                        "source.schedule: a cron expression of 6 or 7 fields"),
                Arguments.of("a source schedule in words", GOOD + "source: {schedule: 'every minute please ok now', s3Prefix: 's3://incoming/x/'}\n",
                        "source.schedule"),
                Arguments.of("a source of no kind", GOOD + "source: {schedule: '0 * * * * ?'}\n", "source: exactly one of s3Prefix"),
                Arguments.of("a source of both kinds", GOOD + "source: {schedule: '0 * * * * ?', s3Prefix: 's3://incoming/x/', "
                        + "jdbc: {url: 'jdbc:postgresql://h/db', query: 'select 1', credentials: DB}}\n", "got both"),
                Arguments.of("an s3 prefix that is a path", GOOD + "source: {schedule: '0 * * * * ?', s3Prefix: '/data/incoming'}\n",
                        "source.s3Prefix: an s3://bucket/prefix/ address"),
                Arguments.of("an s3 prefix in the pipeline's own bucket", GOOD
                        + "source: {schedule: '0 * * * * ?', s3Prefix: 's3://datasets/incoming/'}\n",
                        "source.s3Prefix: the bucket 'datasets' holds the pipeline's own outputs"),
                Arguments.of("an s3 prefix with a bad bucket", GOOD + "source: {schedule: '0 * * * * ?', s3Prefix: 's3://In_Coming/x/'}\n",
                        "source.s3Prefix: 'In_Coming' is not a bucket name"),
                Arguments.of("an s3 prefix that is a whole bucket", GOOD + "source: {schedule: '0 * * * * ?', s3Prefix: 's3://incoming/'}\n",
                        "source.s3Prefix: a key prefix inside the bucket is required"),
                Arguments.of("a jdbc source without a url", GOOD
                        + "source: {schedule: '0 * * * * ?', jdbc: {query: 'select 1', credentials: DB}}\n", "source.jdbc.url: required"),
                Arguments.of("a jdbc url that is not jdbc", GOOD
                        + "source: {schedule: '0 * * * * ?', jdbc: {url: 'postgres://h/db', query: 'select 1', credentials: DB}}\n",
                        "source.jdbc.url: a JDBC URL"),
                Arguments.of("a password in the jdbc url", GOOD + "source: {schedule: '0 * * * * ?', jdbc: {url: "
                        + "'jdbc:postgresql://h/db?user=u&password=p', query: 'select 1', credentials: DB}}\n",
                        "source.jdbc.url: credentials in the URL"),
                Arguments.of("a jdbc source without a query", GOOD
                        + "source: {schedule: '0 * * * * ?', jdbc: {url: 'jdbc:postgresql://h/db', credentials: DB}}\n",
                        "source.jdbc.query: required"),
                Arguments.of("a jdbc source without credentials", GOOD
                        + "source: {schedule: '0 * * * * ?', jdbc: {url: 'jdbc:postgresql://h/db', query: 'select 1'}}\n",
                        "source.jdbc.credentials"),
                Arguments.of("a password for the credentials name", GOOD + "source: {schedule: '0 * * * * ?', jdbc: "
                        + "{url: 'jdbc:postgresql://h/db', query: 'select 1', credentials: 'hunter2!secret'}}\n",
                        "source.jdbc.credentials: the name of ingest's settings"),
                Arguments.of("a source setting that does not exist", GOOD
                        + "source: {schedule: '0 * * * * ?', s3Prefix: 's3://incoming/x/', every: 5s}\n", "unknown setting 'every'"),
                Arguments.of("a jdbc setting that does not exist", GOOD + "source: {schedule: '0 * * * * ?', jdbc: "
                        + "{url: 'jdbc:postgresql://h/db', query: 'select 1', credentials: DB, password: p}}\n",
                        "unknown setting 'password'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedNamingTheSetting(String name, String yaml, String named) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> new PipelineSpecParser().parse(yaml), name);
        assertTrue(e.problems().stream().anyMatch(p -> p.contains(named)), name + ": expected a problem naming '" + named + "', got "
                + e.problems());
    }
}

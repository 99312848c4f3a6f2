package ml.pipeline.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import ml.pipeline.core.notify.AlertKind;
import org.junit.jupiter.api.Test;

class PipelineSpecParserTest {
    private final PipelineSpecParser parser = new PipelineSpecParser();

    @Test
    void readsAFullSpec() throws IOException {
        PipelineSpec spec = parser.parse(resource("specs/churn.yaml"));
        assertEquals("churn", spec.pipeline());
        assertEquals("churned", spec.dataset().label());
        assertEquals("customer_id", spec.dataset().idColumn().orElseThrow());
        assertEquals(ColumnType.CATEGORICAL, spec.dataset().column("plan").orElseThrow().type());
        assertEquals(List.of("basic", "plus", "pro"), spec.dataset().column("plan").orElseThrow().categories());
        assertEquals(ModelType.MLP, spec.model().type());
        assertEquals(List.of(16, 8), spec.model().hiddenLayers());
        assertEquals(0.7, spec.evaluation().minimums().get("roc_auc"));
        assertEquals("churn-classifier", spec.modelName());
        assertTrue(spec.promotion().isAutomatic());
    }

    @Test
    void fillsDefaultsForWhatIsLeftOut() {
        PipelineSpec spec = parser.parse("""
                pipeline: tiny
                dataset:
                  label: y
                  columns: [{name: x, type: numeric}, {name: y, type: numeric}]
                model: {type: logistic}
                """);
        assertEquals("auto", spec.dataset().format(), "CSV or Parquet, as the bytes say");
        assertEquals(DatasetContract.DEFAULT_MIN_ROWS, spec.dataset().minRows());
        assertEquals(0.7, spec.features().split().train());
        assertEquals("mean", spec.features().impute());
        assertEquals("roc_auc", spec.evaluation().compareMetric());
        assertEquals(ModelStage.PRODUCTION.stageName(), spec.promotion().stage());
        assertEquals("tiny", spec.modelName());
        assertTrue(spec.dataset().column("x").orElseThrow().isNullable());
    }

    @Test
    void listsEveryProblemNotJustTheFirst() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> parser.parse("""
                pipeline: Bad Name
                dataset:
                  label: missing
                  id: nope
                  columns: [{name: x, type: numeric, min: 5, max: 1}, {name: x, type: categorical}]
                features: {split: {train: 0.5, validation: 0.1, holdout: 0.1}}
                model: {type: mlp, hiddenLayers: [], epochs: 0}
                evaluation: {minimums: {auroc: 0.8}}
                promotion: {mode: sometimes, stage: live, trafficShare: 1.5}
                """));
        List<String> problems = e.problems();
        assertContains(problems, "pipeline:");
        assertContains(problems, "dataset.label: 'missing' is not among");
        assertContains(problems, "dataset.id: 'nope'");
        assertContains(problems, "min 5.0 is above max 1.0");
        assertContains(problems, "declared twice");
        assertContains(problems, "must add up to 1");
        assertContains(problems, "an mlp needs at least one hidden layer");
        assertContains(problems, "model.epochs");
        assertContains(problems, "unknown metric(s) [auroc]");
        assertContains(problems, "promotion.mode");
        assertContains(problems, "promotion.stage: use one of [staging, canary, production], got 'live'");
        assertContains(problems, "promotion.trafficShare");
    }

    @Test
    void aModelTooBigToTrainIsRefusedWithTheLimit() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> parser.parse("""
                pipeline: huge
                dataset:
                  label: y
                  columns: [{name: x, type: numeric}, {name: y, type: numeric}]
                model: {type: mlp, hiddenLayers: [1000000000, 3000, 3000, 3000], epochs: 1000000, batchSize: 10000000}
                """));
        assertContains(e.problems(), "model.hiddenLayers: at most 4096 units a layer, got 1000000000");
        assertContains(e.problems(), "model.epochs: at most 10000, got 1000000");
        assertContains(e.problems(), "model.batchSize: at most 65536");
        InvalidSpecException wide = assertThrows(InvalidSpecException.class, () -> parser.parse("""
                pipeline: wide
                dataset:
                  label: y
                  columns: [{name: x, type: numeric}, {name: y, type: numeric}]
                model: {type: mlp, hiddenLayers: [4096, 4096, 4096]}
                """));
        assertContains(wide.problems(), "weights between hidden layers");
    }

    @Test
    void readsACanaryPathWithItsTrafficShare() {
        PipelineSpec spec = parser.parse("""
                pipeline: tiny
                dataset:
                  label: y
                  columns: [{name: x, type: numeric}, {name: y, type: numeric}]
                model: {type: logistic}
                promotion: {mode: auto, stage: canary, trafficShare: 0.25}
                """);
        assertEquals(ModelStage.CANARY, spec.promotion().targetStage());
        assertEquals(0.25, spec.promotion().trafficShareAt(ModelStage.CANARY));
        assertEquals(null, spec.promotion().trafficShareAt(ModelStage.PRODUCTION));
        assertEquals(PromotionPolicy.DEFAULT_CANARY_SHARE, PromotionPolicy.defaults().trafficShare());
    }

    @Test
    void namesAnUnknownSettingAndWhereItIs() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> parser.parse("""
                pipeline: p
                dataset: {label: y, colums: []}
                """));
        assertContains(e.problems(), "dataset: unknown setting 'colums'");
    }

    @Test
    void namesABadEnumValue() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> parser.parse("""
                pipeline: p
                dataset: {label: y, columns: [{name: y, type: bool}]}
                model: {type: logistic}
                """));
        assertContains(e.problems(), "unknown column type 'bool'");
    }

    @Test
    void rejectsWhatIsNotYaml() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> parser.parse("dataset: {label: y"));
        assertContains(e.problems(), "not valid YAML");
    }

    @Test
    void writesBackWhatItReads() throws IOException {
        PipelineSpec spec = parser.parse(resource("specs/churn.yaml"));
        assertEquals(spec, parser.parse(parser.toYaml(spec)));
    }

    @Test
    void readsWebhooksWithTheirKindsAndSecretNamesAndWritesThemBack() {
        PipelineSpec spec = parser.parse("""
                pipeline: tiny
                dataset:
                  label: y
                  columns: [{name: x, type: numeric}, {name: y, type: numeric}]
                model: {type: logistic}
                notify:
                  webhooks:
                    - url: https://hooks.example.com/pipeline
                      on: [failure, promotion]
                      secret: TINY_HOOK
                    - {url: "http://127.0.0.1:9000/alerts"}
                """);
        List<NotifySpec.Webhook> hooks = spec.notifications().webhooks();
        assertEquals(2, hooks.size());
        assertEquals(Set.of(AlertKind.FAILURE, AlertKind.PROMOTION), hooks.get(0).kinds());
        assertEquals("TINY_HOOK", hooks.get(0).secret());
        assertEquals(Set.of(AlertKind.values()), hooks.get(1).kinds(), "every kind when on is left out");
        assertEquals(null, hooks.get(1).secret());
        assertEquals(List.of(hooks.get(1)), spec.notifications().hooksFor(AlertKind.DRIFT));
        assertEquals("PIPELINE_WEBHOOK_SECRET_TINY_HOOK", NotifySpec.Webhook.secretVariable("tiny_hook"));
        assertEquals(spec, parser.parse(parser.toYaml(spec)));
        assertTrue(parser.parse(parser.toYaml(spec)).notifications().webhooks().size() == 2);
        assertTrue(parser.parse("""
                pipeline: tiny
                dataset: {label: y, columns: [{name: x, type: numeric}, {name: y, type: numeric}]}
                model: {type: logistic}
                """).notifications().webhooks().isEmpty(), "no notify block: nobody is told");
    }

    @Test
    void readsBothKindsOfSourceAndWritesThemBack() {
        String base = """
                pipeline: tiny
                dataset: {label: y, columns: [{name: x, type: numeric}, {name: y, type: numeric}]}
                model: {type: logistic}
                """;
        PipelineSpec s3 = parser.parse(base + """
                source:
                  schedule: "0/5 * * * * ?"
                  s3Prefix: s3://incoming/tiny/
                """);
        assertTrue(s3.hasSource());
        assertEquals(SourceSpec.Kind.S3_PREFIX, s3.source().kind());
        assertEquals("s3://incoming/tiny/", s3.source().s3Prefix());
        assertEquals("0/5 * * * * ?", s3.source().schedule());
        assertEquals(s3, parser.parse(parser.toYaml(s3)));

        PipelineSpec jdbc = parser.parse(base + """
                source:
                  schedule: "0 0 * * * ? *"
                  jdbc:
                    url: jdbc:postgresql://db.example:5432/shop
                    query: SELECT x, y FROM tiny ORDER BY x
                    credentials: SHOP_DB
                """);
        assertEquals(SourceSpec.Kind.JDBC, jdbc.source().kind());
        assertEquals("SHOP_DB", jdbc.source().jdbc().credentials());
        assertEquals("pipeline.source.SHOP_DB.user", SourceSpec.Jdbc.userSetting("SHOP_DB"));
        assertEquals("PIPELINE_SOURCE_SHOP_DB_PASSWORD", SourceSpec.Jdbc.passwordVariable("shop_db"));
        assertEquals(jdbc, parser.parse(parser.toYaml(jdbc)));
        assertTrue(!parser.parse(base).hasSource(), "no source block: datasets are published");
    }

    @Test
    void namesEveryProblemOfABadSourceAndNeverEchoesACredential() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> parser.parse("""
                pipeline: tiny
                dataset: {label: y, columns: [{name: x, type: numeric}, {name: y, type: numeric}]}
                model: {type: logistic}
                source:
                  schedule: "@hourly"
                  jdbc: {url: "jdbc:postgresql://admin:hunter2@db/shop", credentials: "pa55word-in-the-spec"}
                """));
        assertContains(e.problems(), "source.schedule: a cron expression of 6 or 7 fields");
        assertContains(e.problems(), "source.jdbc.url: credentials in the URL");
        assertContains(e.problems(), "source.jdbc.query: required");
        assertContains(e.problems(), "source.jdbc.credentials: the name of ingest's settings");
        assertTrue(e.problems().stream().noneMatch(p -> p.contains("hunter2") || p.contains("pa55word")),
                "a credential pasted in is never echoed: " + e.problems());
    }

    @Test
    void namesEveryBadWebhook() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> parser.parse("""
                pipeline: tiny
                dataset: {label: y, columns: [{name: x, type: numeric}, {name: y, type: numeric}]}
                model: {type: logistic}
                notify:
                  webhooks:
                    - {url: "ftp://example.com/x", on: [failure, failure]}
                    - {url: "https://user:pw@example.com/x", on: [promoted]}
                    - {url: "https://example.com/a", secret: "s3cr3t-value-pasted-here"}
                    - {url: "https://example.com/a", on: []}
                    - {on: [drift]}
                """));
        assertContains(e.problems(), "notify.webhooks[0].url: an http:// or https:// address, got 'ftp://example.com/x'");
        assertContains(e.problems(), "notify.webhooks[0].on: 'failure' is listed twice");
        assertContains(e.problems(), "notify.webhooks[1].url: a user or password");
        assertContains(e.problems(), "notify.webhooks[1].on: unknown alert kind 'promoted'");
        assertContains(e.problems(), "notify.webhooks[2].secret: the name of the registry's setting");
        assertTrue(e.problems().stream().noneMatch(p -> p.contains("s3cr3t")), "a secret pasted in is never echoed: " + e.problems());
        assertContains(e.problems(), "notify.webhooks[3]: the same url as notify.webhooks[2]");
        assertContains(e.problems(), "notify.webhooks[3].on: at least one of");
        assertContains(e.problems(), "notify.webhooks[4].url: required");
    }

    private static void assertContains(List<String> problems, String fragment) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(fragment)), "no problem mentions '" + fragment + "' in " + problems);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PipelineSpecParserTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

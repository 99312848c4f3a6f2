package ml.pipeline.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import ml.pipeline.core.features.FeatureTransform;
import ml.pipeline.core.features.SplitFiles;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.FeatureSplit;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.events.SpecRef;
import ml.pipeline.services.storage.ObjectStore;
import ml.pipeline.testing.EventExchange;
import ml.pipeline.testing.EventFixtures;
import ml.pipeline.testing.PipelineStackResource;
import ml.pipeline.testing.StoredInputs;
import org.junit.jupiter.api.Test;

/** Through the real stack: DatasetValidated in, splits + transform.json stored, FeaturesReady out. */
@QuarkusTest
@WithTestResource(PipelineStackResource.class)
class FeatureFlowTest {
    @Inject
    ObjectStore store;

    @Test
    void aValidatedDatasetBecomesStoredSplitsAndATransform() throws Exception {
        DatasetValidated validated = validatedDataset(100);
        FeaturesReady ready = EventExchange.sendAndAwait(validated, FeaturesReady.class);

        assertEquals(validated.getMeta().getRunId(), ready.getMeta().getRunId());
        assertEquals(List.of("train", "validation", "holdout"), ready.getSplits().stream().map(FeatureSplit::getName).toList());
        assertEquals(100, ready.getSplits().stream().mapToLong(FeatureSplit::getRows).sum());
        assertEquals(List.of("x", "plan=b", "plan=a", "plan=<unknown>"), ready.getFeatureNames(), "most frequent first");
        S3Uri folder = S3Uri.parse(ready.getFeatures().getUri());
        assertTrue(store.exists(folder.resolve(StorageLayout.COMPLETE)), "complete marker written last");

        FeatureSplit train = ready.getSplits().get(0);
        SplitFiles.Examples examples = SplitFiles.read(new StringReader(new String(
                store.read(S3Uri.parse(train.getUri())).orElseThrow(), StandardCharsets.UTF_8)));
        assertEquals(train.getRows(), examples.size());
        FeatureTransform transform = store.readJson(S3Uri.parse(ready.getFeatures().getTransformUri()), FeatureTransform.class);
        assertEquals(ready.getFeatureNames(), transform.featureNames());

        long holdoutRows = ready.getSplits().get(2).getRows();
        String rawHoldout = new String(store.read(folder.resolve(StorageLayout.RAW_HOLDOUT)).orElseThrow(),
                StandardCharsets.UTF_8);
        assertEquals(holdoutRows + 1, rawHoldout.lines().count(), "the raw holdout: header and every holdout row");
        assertTrue(rawHoldout.startsWith("x,plan,y\n"), rawHoldout);

        FeaturesReady again = EventExchange.sendAndAwait(validated, FeaturesReady.class);
        assertEquals(ready.getFeatures(), again.getFeatures(), "a redelivered event finds the same features");
    }

    private DatasetValidated validatedDataset(int rows) {
        String pipeline = EventFixtures.newPipeline("features-test");
        SpecRef spec = StoredInputs.spec(store::put, """
                pipeline: %s
                dataset:
                  label: y
                  columns: [{name: x, type: numeric}, {name: plan, type: categorical}, {name: y, type: numeric}]
                model: {type: logistic}
                """.formatted(pipeline));
        StringBuilder csv = new StringBuilder("x,plan,y\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i % 10).append(',').append(i % 3 == 0 ? "a" : "b").append(',').append(i % 2).append('\n');
        }
        DatasetRef dataset = StoredInputs.dataset(store::put, pipeline, csv.toString());
        return EventFixtures.datasetValidated(EventFixtures.METAS.startRun(pipeline), dataset, spec, rows);
    }
}

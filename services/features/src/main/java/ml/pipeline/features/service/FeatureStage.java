package ml.pipeline.features.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ml.pipeline.core.features.FeatureBuilder;
import ml.pipeline.core.features.FeatureTransform;
import ml.pipeline.core.features.Split;
import ml.pipeline.core.features.TransformVersion;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.SpecRef;
import ml.pipeline.features.storage.FeatureStore;
import ml.pipeline.services.spec.SpecSnapshots;
import ml.pipeline.services.storage.DatasetFiles;
import ml.pipeline.services.storage.ObjectStore;
import ml.pipeline.services.storage.TemporaryFolders;

/**
 * Builds a dataset's feature splits and fitted transform in a local work folder and stores them
 * under {@code features/<name>/<datasetSha>/<transformVersion>/}, the completion marker last.
 * Found complete already (a redelivered event), nothing is written again.
 */
@ApplicationScoped
public class FeatureStage {
    private final ObjectStore store;
    private final FeatureStore features;
    private final SpecSnapshots specs;

    public FeatureStage(ObjectStore store, FeatureStore features, SpecSnapshots specs) {
        this.store = store;
        this.features = features;
        this.specs = specs;
    }

    /** What was built (or found built) and where. */
    public record Built(String transformVersion, S3Uri folder, S3Uri transformUri, Map<Split, Long> rows,
            List<String> featureNames, String label, boolean reused, String splitBy, Optional<FeatureBuilder.TimeSplit> timeSplit,
            long duplicatesAcrossSplits) {
        public S3Uri split(Split split) {
            return FeatureStore.split(folder, split);
        }
    }

    public Built build(DatasetRef dataset, SpecRef specRef) {
        PipelineSpec spec = specs.load(specRef);
        Path work = null;
        try {
            work = Files.createTempDirectory("features-");
            Path local = DatasetFiles.download(store, S3Uri.parse(dataset.getUri()), work);
            Path workFolder = work;
            LocalSplitFiles files = new LocalSplitFiles(work);
            FeatureBuilder.Result result;
            try (files) {
                result = new FeatureBuilder(spec).build(() -> DatasetFiles.open(local, workFolder), files, files);
            }
            FeatureTransform transform = result.transform();
            byte[] transformJson = TransformVersion.json(transform);
            String version = TransformVersion.of(transformJson, spec.features().split());
            S3Uri folder = StorageLayout.features(dataset.getName(), dataset.getVersion(), version);
            boolean reused = features.isComplete(folder);
            if (!reused) {
                Map<Split, Path> splitFiles = new EnumMap<>(Split.class);
                for (Split split : Split.values()) {
                    splitFiles.put(split, files.split(split));
                }
                features.write(folder, splitFiles, files.rawHoldout(), transformJson, result.rows());
            }
            return new Built(version, folder, folder.resolve(StorageLayout.TRANSFORM), result.rows(),
                    transform.featureNames(), transform.label().column(), reused,
                    spec.features().split().method(spec.dataset()), result.timeSplit(), result.duplicatesAcrossSplits());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build features of " + dataset.getUri() + ": " + e.getMessage(), e);
        } finally {
            TemporaryFolders.delete(work);
        }
    }
}

package ml.pipeline.features.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import ml.pipeline.core.dataset.CsvWriter;
import ml.pipeline.core.features.FeatureBuilder;
import ml.pipeline.core.features.FeatureTransform;
import ml.pipeline.core.features.Split;
import ml.pipeline.core.features.SplitFiles;
import ml.pipeline.core.storage.StorageLayout;

/**
 * The files of a features folder while they are built, in a local work folder: one split file
 * per split and the raw holdout rows. Opened when the transform is fitted (the headers need its
 * feature names); stored only once every file is complete.
 */
final class LocalSplitFiles implements FeatureBuilder.SplitSink, FeatureBuilder.FittedListener, AutoCloseable {
    private final Path folder;
    private final Map<Split, SplitFiles.SplitWriter> splits = new EnumMap<>(Split.class);
    private CsvWriter rawHoldout;

    LocalSplitFiles(Path folder) {
        this.folder = folder;
    }

    Path split(Split split) {
        return folder.resolve(split.csvName());
    }

    Path rawHoldout() {
        return folder.resolve(StorageLayout.RAW_HOLDOUT);
    }

    @Override
    public void fitted(FeatureTransform transform, List<String> header) throws IOException {
        for (Split split : Split.values()) {
            splits.put(split, new SplitFiles.SplitWriter(Files.newBufferedWriter(split(split)), transform.featureNames()));
        }
        rawHoldout = new CsvWriter(Files.newBufferedWriter(rawHoldout()));
        rawHoldout.write(header);
    }

    @Override
    public void accept(Split split, List<String> raw, float[] features, float label) throws IOException {
        splits.get(split).write(features, label);
        if (split == Split.HOLDOUT) {
            rawHoldout.write(raw);
        }
    }

    @Override
    public void close() throws IOException {
        for (SplitFiles.SplitWriter writer : splits.values()) {
            writer.close();
        }
        if (rawHoldout != null) {
            rawHoldout.close();
        }
    }
}

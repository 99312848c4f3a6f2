package ml.pipeline.features.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import ml.pipeline.core.ContentHash;
import ml.pipeline.core.dataset.CsvWriter;
import ml.pipeline.core.features.FeatureBuilder;
import ml.pipeline.core.features.FeatureTransform;
import ml.pipeline.core.features.Split;
import ml.pipeline.core.features.SplitFiles;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.storage.ObjectStore;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.DatasetRef;

/**
 * Builds a dataset's feature splits and fitted transform and stores them under
 * {@code features/<name>/<datasetSha>/<transformVersion>/}, the completion marker last. Found
 * complete already (a redelivered event), nothing is written again.
 */
@ApplicationScoped
public class FeatureEngineering {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;

    public FeatureEngineering(ObjectStore store) {
        this.store = store;
    }

    public record Built(String transformVersion, S3Uri folder, S3Uri transformUri, Map<Split, Long> rows,
            List<String> featureNames, String label, boolean reused) {
        public S3Uri split(Split split) {
            return folder.resolve(split.fileName() + ".csv");
        }
    }

    public Built build(DatasetRef dataset, PipelineSpec spec) {
        Path work = null;
        try {
            work = Files.createTempDirectory("features-");
            Path csv = work.resolve("data.csv");
            try (InputStream in = store.open(S3Uri.parse(dataset.getUri()))) {
                Files.copy(in, csv);
            }
            Map<Split, SplitFiles.SplitWriter> writers = new EnumMap<>(Split.class);
            CsvWriter[] rawHoldout = new CsvWriter[1];
            FeatureBuilder.Result result;
            try {
                Path folder = work;
                result = new FeatureBuilder(spec).build(() -> Files.newBufferedReader(csv, StandardCharsets.UTF_8),
                        (split, raw, features, label) -> {
                            writers.get(split).write(features, label);
                            if (split == Split.HOLDOUT) {
                                rawHoldout[0].write(raw);
                            }
                        },
                        (transform, header) -> {
                            for (Split split : Split.values()) {
                                writers.put(split, new SplitFiles.SplitWriter(
                                        Files.newBufferedWriter(folder.resolve(split.fileName() + ".csv")), transform.featureNames()));
                            }
                            rawHoldout[0] = new CsvWriter(Files.newBufferedWriter(folder.resolve(StorageLayout.RAW_HOLDOUT)));
                            rawHoldout[0].write(header);
                        });
            } finally {
                for (SplitFiles.SplitWriter writer : writers.values()) {
                    writer.close();
                }
                if (rawHoldout[0] != null) {
                    rawHoldout[0].close();
                }
            }
            byte[] transformJson = JSON.writeValueAsBytes(result.transform());
            String version = ContentHash.sha256((new String(transformJson, StandardCharsets.UTF_8) + "\n"
                    + JSON.writeValueAsString(spec.features().split())).getBytes(StandardCharsets.UTF_8));
            S3Uri folder = StorageLayout.features(dataset.getName(), dataset.getVersion(), version);
            S3Uri transformUri = folder.resolve(StorageLayout.TRANSFORM);
            boolean reused = store.exists(folder.resolve(StorageLayout.COMPLETE));
            if (!reused) {
                for (Split split : Split.values()) {
                    store.put(folder.resolve(split.fileName() + ".csv"), work.resolve(split.fileName() + ".csv"), "text/csv");
                }
                store.put(folder.resolve(StorageLayout.RAW_HOLDOUT), work.resolve(StorageLayout.RAW_HOLDOUT), "text/csv");
                store.put(transformUri, transformJson, "application/json");
                store.put(folder.resolve(StorageLayout.COMPLETE), JSON.writeValueAsBytes(result.rows()), "application/json");
            }
            FeatureTransform transform = result.transform();
            return new Built(version, folder, transformUri, result.rows(), transform.featureNames(),
                    transform.label().column(), reused);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build features of " + dataset.getUri() + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(work);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the OS cleans it eventually
        }
    }
}

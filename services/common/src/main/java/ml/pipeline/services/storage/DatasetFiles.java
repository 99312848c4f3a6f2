package ml.pipeline.services.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import ml.pipeline.core.dataset.CsvReader;
import ml.pipeline.core.dataset.DatasetReader;
import ml.pipeline.core.storage.S3Uri;

/**
 * A dataset as a local file, read in its format: Parquet when the bytes start with Parquet's
 * magic, CSV (UTF-8, refused when it is not) otherwise. Validate and features read through this,
 * so both formats get the same validation, profile and split.
 */
public final class DatasetFiles {
    public static final String CSV = "csv";
    public static final String PARQUET = "parquet";

    private DatasetFiles() {
    }

    /** csv or parquet, by the file's first bytes. */
    public static String formatOf(Path file) throws IOException {
        return ParquetFiles.isParquet(file) ? PARQUET : CSV;
    }

    /** A reader over the file's records; DuckDB works in {@code workFolder} for a Parquet file. */
    public static DatasetReader open(Path file, Path workFolder) throws IOException {
        if (ParquetFiles.isParquet(file)) {
            return new ParquetReader(file, workFolder);
        }
        return new CsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8));
    }

    /** Copies a stored dataset into {@code folder} (Parquet is read from a local file). */
    public static Path download(ObjectStore store, S3Uri uri, Path folder) throws IOException {
        Path local = folder.resolve("dataset");
        try (InputStream in = store.open(uri)) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        }
        return local;
    }
}

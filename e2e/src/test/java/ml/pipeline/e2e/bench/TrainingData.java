package ml.pipeline.e2e.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import ml.pipeline.core.features.SplitFiles.Examples;

/**
 * The training benchmark's data: {@value #FEATURES} standardised features and a 0/1 label from a
 * noisy linear plus non-linear rule (so that the MLP has something to learn beyond a logistic
 * model), generated from a seed and written once as little-endian float32, which both the Java
 * and the PyTorch side read (not timed). The same rows and seed always give the same bytes.
 *
 * <p>File layout (training_torch.py reads the same): a 32-byte header of int32 {@link #MAGIC},
 * version 1, train rows, validation rows, features and three zeros; then the train features (row
 * after row), the train labels, the validation features, the validation labels.
 */
public final class TrainingData {
    public static final int FEATURES = 20;
    static final int MAGIC = 0x54424E31;
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 32;

    /** Both splits in memory, as the trainer holds them. */
    public record Splits(Examples train, Examples validation) {
    }

    private TrainingData() {
    }

    /** Writes {@code rows} train and {@code validationRows} validation rows to {@code file}; returns its size. */
    public static long write(Path file, int rows, int validationRows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        double[] weights = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            weights[j] = random.nextGaussian() / Math.sqrt(FEATURES / 4.0);
        }
        float[] trainX = new float[rows * FEATURES];
        float[] trainY = new float[rows];
        float[] validationX = new float[validationRows * FEATURES];
        float[] validationY = new float[validationRows];
        generate(random, weights, trainX, trainY);
        generate(random, weights, validationX, validationY);

        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC).putInt(VERSION).putInt(rows).putInt(validationRows).putInt(FEATURES).flip();
        header.limit(HEADER_BYTES);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(header);
            for (float[] part : List.of(trainX, trainY, validationX, validationY)) {
                ByteBuffer bytes = ByteBuffer.allocate(part.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(part);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
        }
        return Files.size(file);
    }

    private static void generate(SplittableRandom random, double[] weights, float[] x, float[] y) {
        double[] row = new double[FEATURES];
        for (int i = 0; i < y.length; i++) {
            double score = -0.3;
            for (int j = 0; j < FEATURES; j++) {
                row[j] = random.nextGaussian();
                x[i * FEATURES + j] = (float) row[j];
                score += weights[j] * row[j];
            }
            score += 1.5 * Math.sin(row[0] * row[1]) + 0.5 * (row[2] * row[2] - 1) - 0.8 * Math.abs(row[3]) + 0.64;
            score += 0.5 * random.nextGaussian();
            y[i] = score > 0 ? 1 : 0;
        }
    }

    /** Reads a file {@link #write} wrote back into the trainer's in-memory form. */
    public static Splits read(Path file) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (all.remaining() < HEADER_BYTES || all.getInt() != MAGIC || all.getInt() != VERSION) {
            throw new IOException(file + ": not a training benchmark data file (version " + VERSION + ")");
        }
        int rows = all.getInt();
        int validationRows = all.getInt();
        int width = all.getInt();
        all.position(HEADER_BYTES);
        FloatBuffer floats = all.asFloatBuffer();
        if (floats.remaining() != (long) (rows + validationRows) * (width + 1)) {
            throw new IOException(file + ": " + floats.remaining() + " floats, expected " + (long) (rows + validationRows) * (width + 1));
        }
        float[][] trainX = rows(floats, rows, width);
        float[] trainY = new float[rows];
        floats.get(trainY);
        float[][] validationX = rows(floats, validationRows, width);
        float[] validationY = new float[validationRows];
        floats.get(validationY);
        List<String> names = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            names.add(featureName(j));
        }
        return new Splits(new Examples(List.copyOf(names), trainX, trainY),
                new Examples(List.copyOf(names), validationX, validationY));
    }

    private static float[][] rows(FloatBuffer floats, int rows, int width) {
        float[][] x = new float[rows][width];
        for (float[] row : x) {
            floats.get(row);
        }
        return x;
    }

    static String featureName(int index) {
        return String.format("f%02d", index);
    }
}

package ml.pipeline.core.features;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import ml.pipeline.core.dataset.CsvReader;

/**
 * The split files features writes and trainer and evaluator read: CSV with a header of the
 * feature names then {@code label}, one transformed row per line. Floats are written so that
 * they read back to the same bits.
 */
public final class SplitFiles {
    public static final String LABEL = "label";

    private SplitFiles() {
    }

    /** A split in memory: one row of features per example, and its 0/1 label. */
    public record Examples(List<String> featureNames, float[][] features, float[] labels) {
        public int size() {
            return labels.length;
        }
    }

    public static final class SplitWriter implements AutoCloseable {
        private final BufferedWriter out;
        private final StringBuilder line = new StringBuilder();

        public SplitWriter(Writer out, List<String> featureNames) throws IOException {
            this.out = new BufferedWriter(out, 1 << 16);
            this.out.write(String.join(",", featureNames) + "," + LABEL + "\n");
        }

        public void write(float[] features, float label) throws IOException {
            line.setLength(0);
            for (float value : features) {
                line.append(value).append(',');
            }
            line.append(label).append('\n');
            out.write(line.toString());
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    public static Examples read(Reader in) throws IOException {
        try (CsvReader csv = new CsvReader(in)) {
            List<String> header = csv.header();
            if (header.isEmpty() || !LABEL.equals(header.getLast())) {
                throw new IOException("not a split file: its last column is not '" + LABEL + "'");
            }
            List<String> names = header.subList(0, header.size() - 1);
            List<float[]> rows = new ArrayList<>();
            List<Float> labels = new ArrayList<>();
            List<String> record;
            while ((record = csv.next()) != null) {
                float[] row = new float[names.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = Float.parseFloat(record.get(i));
                }
                rows.add(row);
                labels.add(Float.parseFloat(record.getLast()));
            }
            float[] labelArray = new float[labels.size()];
            for (int i = 0; i < labelArray.length; i++) {
                labelArray[i] = labels.get(i);
            }
            return new Examples(List.copyOf(names), rows.toArray(new float[0][]), labelArray);
        }
    }
}

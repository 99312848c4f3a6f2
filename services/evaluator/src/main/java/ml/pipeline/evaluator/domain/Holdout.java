package ml.pipeline.evaluator.domain;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.pipeline.core.dataset.CsvReader;
import ml.pipeline.core.features.FeatureTransform;

/** The holdout rows as they came (features' holdout.raw.csv): any model's transform applies to them. */
public record Holdout(List<Map<String, String>> rows) {

    public static Holdout read(Reader csvText) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (CsvReader csv = new CsvReader(csvText)) {
            List<String> record;
            while ((record = csv.next()) != null) {
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < csv.header().size(); i++) {
                    row.put(csv.header().get(i), record.get(i));
                }
                rows.add(row);
            }
        }
        return new Holdout(rows);
    }

    public float[][] features(FeatureTransform transform) {
        float[][] features = new float[rows.size()][];
        for (int i = 0; i < features.length; i++) {
            features[i] = transform.apply(rows.get(i));
        }
        return features;
    }

    public float[] labels(FeatureTransform transform) {
        float[] labels = new float[rows.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = transform.label().apply(rows.get(i).get(transform.label().column()));
        }
        return labels;
    }
}

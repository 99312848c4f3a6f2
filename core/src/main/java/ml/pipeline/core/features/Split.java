package ml.pipeline.core.features;

import java.util.Locale;

/** The three splits: trained on, tuned on (early stopping), and the holdout the gate judges. */
public enum Split {
    TRAIN, VALIDATION, HOLDOUT;

    /** Its name in files and events: train, validation, holdout. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Its file in a features folder: train.csv, validation.csv, holdout.csv. */
    public String csvName() {
        return fileName() + ".csv";
    }
}

package ml.pipeline.core.features;

/** How a numeric label value is written in {@code transform.json}: 0 and 1, whatever the CSV had (0.0, 1.00). */
final class LabelClasses {
    private LabelClasses() {
    }

    static String canonical(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}

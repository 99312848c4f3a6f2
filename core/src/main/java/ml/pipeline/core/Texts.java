package ml.pipeline.core;

/** Text that goes into an event or an answer: bounded, so a megabyte of input is quoted by its start. */
public final class Texts {
    /** Longest text quoted from the input. */
    public static final int MAX_QUOTED = 300;

    private Texts() {
    }

    /** {@code text}, or {@code fallback} when it is missing or blank (a reason nobody gave). */
    public static String orElse(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text;
    }

    /** {@code text} cut to {@link #MAX_QUOTED} characters, saying how long it was. */
    public static String bounded(String text) {
        if (text == null || text.length() <= MAX_QUOTED) {
            return text;
        }
        return text.substring(0, MAX_QUOTED) + "... (" + text.length() + " characters)";
    }
}

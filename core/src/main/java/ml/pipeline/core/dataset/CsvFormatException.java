package ml.pipeline.core.dataset;

/** The bytes are not CSV as RFC 4180 describes it; the message names the line. */
public final class CsvFormatException extends RuntimeException {
    public CsvFormatException(String message) {
        super(message);
    }
}

package ml.pipeline.core.dataset;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One streaming pass over a dataset's bytes: its sha256 (its version), size, and, read as CSV,
 * its header and number of rows. Memory does not grow with the file.
 */
public record DatasetInspection(String sha256, long sizeBytes, List<String> header, long rows) {

    /** Throws {@link CsvFormatException} naming the line when the bytes are not CSV with a header row. */
    public static DatasetInspection ofCsv(InputStream bytes) throws IOException {
        MessageDigest digest = sha256Digest();
        CountingInputStream counting = new CountingInputStream(bytes);
        DigestInputStream digesting = new DigestInputStream(counting, digest);
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (CsvReader csv = new CsvReader(new InputStreamReader(digesting, decoder))) {
            long rows = 0;
            while (csv.next() != null) {
                rows++;
            }
            digesting.transferTo(OutputStream.nullOutputStream());
            return new DatasetInspection(HexFormat.of().formatHex(digest.digest()), counting.count(), csv.header(), rows);
        } catch (CharacterCodingException e) {
            throw new CsvFormatException("the file is not UTF-8 text (a binary file, or another encoding)");
        }
    }

    /** A dataset read through its format's reader (Parquet, say), with its bytes' sha256 and size given. */
    public static DatasetInspection ofRecords(String sha256, long sizeBytes, DatasetReader records) throws IOException {
        try (records) {
            long rows = 0;
            while (records.next() != null) {
                rows++;
            }
            return new DatasetInspection(sha256, sizeBytes, records.header(), rows);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }
}

package ml.pipeline.core.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefetchingReaderTest {
    private static String csv(int rows) {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(',').append(i % 7 == 0 ? "\"two\nlines\"" : "x").append('\n');
        }
        return csv.toString();
    }

    @Test
    void everyRecordAndItsLineComeInTheFilesOrderAcrossBatches() throws IOException {
        int rows = 2 * PrefetchingReader.BATCH + 17;
        try (CsvReader plain = new CsvReader(new StringReader(csv(rows)));
             PrefetchingReader ahead = new PrefetchingReader(new CsvReader(new StringReader(csv(rows))))) {
            assertEquals(plain.header(), ahead.header());
            for (int i = 0; i < rows; i++) {
                assertEquals(plain.next(), ahead.next(), "record " + i);
                assertEquals(plain.line(), ahead.line(), "line of record " + i);
            }
            assertNull(ahead.next());
            assertNull(ahead.next(), "the end stays the end");
        }
    }

    @Test
    void aFileOfExactlyWholeBatchesEnds() throws IOException {
        try (PrefetchingReader ahead = new PrefetchingReader(new CsvReader(new StringReader(csv(PrefetchingReader.BATCH))))) {
            int count = 0;
            while (ahead.next() != null) {
                count++;
            }
            assertEquals(PrefetchingReader.BATCH, count);
        }
    }

    @Test
    void anErrorComesAfterTheRecordsBeforeIt() throws IOException {
        String broken = csv(PrefetchingReader.BATCH + 5) + "1,2,3\n";
        try (PrefetchingReader ahead = new PrefetchingReader(new CsvReader(new StringReader(broken)))) {
            for (int i = 0; i < PrefetchingReader.BATCH + 5; i++) {
                assertEquals(String.valueOf(i), ahead.next().get(0));
            }
            CsvFormatException e = assertThrows(CsvFormatException.class, ahead::next);
            assertTrue(e.getMessage().contains("3 fields"), e.getMessage());
        }
    }

    @Test
    void closingBeforeTheEndStopsTheReadingThread() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            PrefetchingReader ahead = new PrefetchingReader(new CsvReader(new StringReader(csv(50 * PrefetchingReader.BATCH))));
            assertEquals(List.of("0", "\"two\nlines\"".replace("\"", "")), ahead.next());
            ahead.close();
        });
    }
}

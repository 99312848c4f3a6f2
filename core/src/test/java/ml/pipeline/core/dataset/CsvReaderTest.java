package ml.pipeline.core.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
    @Test
    void readsHeaderAndRecordsWithQuotesCommasAndLineBreaks() throws IOException {
        try (CsvReader csv = new CsvReader(new StringReader(
                "\uFEFFid, name ,note\r\n1,\"Smith, J\",\"said \"\"hi\"\"\"\r\n2,Ann,\"two\nlines\"\n\n3,,\n"))) {
            assertEquals(List.of("id", "name", "note"), csv.header());
            assertEquals(List.of("1", "Smith, J", "said \"hi\""), csv.next());
            assertEquals(List.of("2", "Ann", "two\nlines"), csv.next());
            assertEquals(List.of("3", "", ""), csv.next());
            assertNull(csv.next());
        }
    }

    @Test
    void aLastLineWithoutNewlineIsARecord() throws IOException {
        try (CsvReader csv = new CsvReader(new StringReader("a,b\n1,2"))) {
            assertEquals(List.of("1", "2"), csv.next());
            assertNull(csv.next());
        }
    }

    @Test
    void refusesAnEmptyFile() {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> new CsvReader(new StringReader("")));
        assertTrue(e.getMessage().contains("header row"), e.getMessage());
    }

    @Test
    void namesTheLineOfARecordWithTheWrongFieldCount() throws IOException {
        try (CsvReader csv = new CsvReader(new StringReader("a,b\n1,2\n\"multi\nline\",2\n1,2,3\n"))) {
            csv.next();
            csv.next();
            CsvFormatException e = assertThrows(CsvFormatException.class, csv::next);
            assertTrue(e.getMessage().startsWith("line 5: 3 fields, but the header has 2"), e.getMessage());
        }
    }

    @Test
    void refusesAnUnclosedQuoteAndDuplicateColumns() throws IOException {
        try (CsvReader csv = new CsvReader(new StringReader("a,b\n\"open,2\n"))) {
            CsvFormatException e = assertThrows(CsvFormatException.class, csv::next);
            assertTrue(e.getMessage().contains("never closed"), e.getMessage());
        }
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> new CsvReader(new StringReader("a,b,a\n")));
        assertTrue(e.getMessage().contains("'a' twice"), e.getMessage());
    }

    @Test
    void whatTheWriterWritesReadsBackTheSame() throws IOException {
        StringWriter text = new StringWriter();
        List<String> tricky = List.of("plain", "with, comma", "with \"quotes\"", "two\nlines", "");
        try (CsvWriter writer = new CsvWriter(text)) {
            writer.write(List.of("a", "b", "c", "d", "e"));
            writer.write(tricky);
        }
        try (CsvReader csv = new CsvReader(new StringReader(text.toString()))) {
            assertEquals(tricky, csv.next());
        }
    }
}

package ml.pipeline.core.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import ml.pipeline.core.ContentHash;
import org.junit.jupiter.api.Test;

class DatasetInspectionTest {
    @Test
    void hashesCountsAndReadsTheHeaderInOnePass() throws Exception {
        byte[] csv = "a,b\n1,2\n3,\"x\ny\"\n".getBytes(StandardCharsets.UTF_8);
        DatasetInspection inspection = DatasetInspection.ofCsv(new ByteArrayInputStream(csv));
        assertEquals(ContentHash.sha256(csv), inspection.sha256());
        assertEquals(csv.length, inspection.sizeBytes());
        assertEquals(List.of("a", "b"), inspection.header());
        assertEquals(2, inspection.rows());
    }

    @Test
    void refusesBytesThatAreNotText() {
        byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xfe, '\n'};
        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> DatasetInspection.ofCsv(new ByteArrayInputStream(binary)));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }
}

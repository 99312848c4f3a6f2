package ml.pipeline.stack.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log that only ever grows: reads its end, never the whole file. */
public final class LogTail {
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    /** Up to {@code lines} last lines; bytes that are not UTF-8 are replaced, never fatal. */
    public static List<String> lastLines(Path log, int lines) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - MAX_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R", -1));
            if (start > 0 && !all.isEmpty()) {
                all = all.subList(1, all.size()); // the first line was cut in the middle
            }
            if (!all.isEmpty() && all.getLast().isEmpty()) {
                all = all.subList(0, all.size() - 1);
            }
            return all.subList(Math.max(0, all.size() - lines), all.size());
        }
    }
}

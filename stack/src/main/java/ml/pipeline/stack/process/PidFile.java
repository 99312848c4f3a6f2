package ml.pipeline.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Remembers a started process by pid and start time, so that {@code down} stops exactly the
 * process {@code up} started and never an unrelated one that reused the pid.
 */
public final class PidFile {
    private static final Duration START_TIME_TOLERANCE = Duration.ofSeconds(2);

    private final Path file;

    public PidFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public void record(ProcessHandle process) {
        Instant started = process.info().startInstant().orElse(Instant.now());
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, List.of(String.valueOf(process.pid()), started.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The recorded process, if it still runs. */
    public Optional<ProcessHandle> alive() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<Instant> recordedStart = lines.size() > 1 ? parseInstant(lines.get(1)) : Optional.empty();
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> sameStart(handle, recordedStart));
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private static boolean sameStart(ProcessHandle handle, Optional<Instant> recorded) {
        Optional<Instant> actual = handle.info().startInstant();
        if (recorded.isEmpty() || actual.isEmpty()) {
            return true;
        }
        return Duration.between(recorded.get(), actual.get()).abs().compareTo(START_TIME_TOLERANCE) <= 0;
    }

    private static Optional<Instant> parseInstant(String text) {
        try {
            return Optional.of(Instant.parse(text.trim()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}

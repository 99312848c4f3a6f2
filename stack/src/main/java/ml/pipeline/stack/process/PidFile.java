package ml.pipeline.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Remembers a started process by pid, and recognises it by a signature its command line contains
 * (the component's own folder), so that {@code down} stops exactly what {@code up} started and
 * never an unrelated process that reused the pid.
 */
public final class PidFile {
    private final Path file;
    private final String signature;

    public PidFile(Path file, String signature) {
        this.file = file;
        this.signature = signature;
    }

    public Path path() {
        return file;
    }

    public void record(ProcessHandle process) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, List.of(String.valueOf(process.pid())));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The recorded process, if it still runs. */
    public Optional<ProcessHandle> alive() {
        return recordedPid().flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(this::isOurs);
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private Optional<Long> recordedPid() {
        try {
            List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads /proc itself: ProcessHandle.Info gives no command line for long ones (the broker's
     * classpath). A process whose command line cannot be read (another user's) is not ours.
     */
    private boolean isOurs(ProcessHandle process) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
            return new String(cmdline, StandardCharsets.UTF_8).contains(signature);
        } catch (IOException e) {
            return process.info().commandLine().map(line -> line.contains(signature)).orElse(false);
        }
    }
}

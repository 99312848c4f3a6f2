package ml.pipeline.stack.process;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Serialises up, down and wipe on one home across processes: two commands (or a test JVM and
 * the CLI) starting the same stack at once would each start every component.
 */
public final class GroupLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private GroupLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static GroupLock acquire(Path file, PrintStream out) {
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                out.println("  waiting for another pipeline command working on " + file.getParent().getParent() + " ...");
                lock = channel.lock();
            }
            return new GroupLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

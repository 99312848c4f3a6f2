package ml.pipeline.services.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A stage's local work folder, deleted when the work is done whatever happened. */
public final class TemporaryFolders {
    private TemporaryFolders() {
    }

    /** Deletes the folder and everything in it; null is nothing to delete. */
    public static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the OS cleans it eventually
        }
    }
}

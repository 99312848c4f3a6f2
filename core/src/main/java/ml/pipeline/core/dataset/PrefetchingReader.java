package ml.pipeline.core.dataset;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a dataset's records on a second thread, a batch ahead, while the caller works on the
 * previous batch: parsing and checking then share the machine's cores. Records, their lines and
 * any error arrive in the file's order; memory holds at most {@link #QUEUED} batches.
 */
public final class PrefetchingReader implements DatasetReader {
    static final int BATCH = 2048;
    static final int QUEUED = 4;

    /** {@code last}: nothing comes after this batch (the end of the file, or an error). */
    private record Batch(List<List<String>> records, long[] lines, Exception error, boolean last) {
    }

    private final DatasetReader source;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread reader;
    private Batch current = new Batch(List.of(), new long[0], null, false);
    private int position;
    private long line;

    public PrefetchingReader(DatasetReader source) {
        this.source = source;
        this.reader = Thread.ofPlatform().daemon().name("dataset-prefetch").start(this::readAhead);
    }

    private void readAhead() {
        try {
            while (true) {
                List<List<String>> records = new ArrayList<>(BATCH);
                long[] lines = new long[BATCH];
                Exception error = null;
                try {
                    List<String> record;
                    while (records.size() < BATCH && (record = source.next()) != null) {
                        lines[records.size()] = source.line();
                        records.add(record);
                    }
                } catch (IOException | RuntimeException e) {
                    error = e;
                }
                boolean last = error != null || records.size() < BATCH;
                queue.put(new Batch(records, lines, error, last));
                if (last) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed before the end: stop reading
        }
    }

    @Override
    public List<String> header() {
        return source.header();
    }

    @Override
    public List<String> next() throws IOException {
        while (position == current.records().size()) {
            if (current.error() instanceof IOException e) {
                throw e;
            }
            if (current.error() instanceof RuntimeException e) {
                throw e;
            }
            if (current.last()) {
                return null;
            }
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the dataset");
            }
            position = 0;
        }
        line = current.lines()[position];
        return current.records().get(position++);
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        reader.interrupt();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}

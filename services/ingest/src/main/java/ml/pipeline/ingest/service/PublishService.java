package ml.pipeline.ingest.service;

import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import ml.pipeline.core.dataset.CsvFormatException;
import ml.pipeline.core.ContentHash;
import ml.pipeline.core.dataset.DatasetInspection;
import ml.pipeline.core.spec.DatasetContract;
import ml.pipeline.services.tracing.RunTraces;
import ml.pipeline.services.storage.DatasetFiles;
import ml.pipeline.services.storage.ParquetReader;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.EventMetas;
import ml.pipeline.events.SpecRef;
import ml.pipeline.events.Topic;
import ml.pipeline.ingest.domain.DatasetTooLargeException;
import ml.pipeline.ingest.domain.PublishRequest;
import ml.pipeline.ingest.domain.PublishResult;
import ml.pipeline.ingest.domain.RegistryUnavailableException;
import ml.pipeline.ingest.domain.RunClaim;
import ml.pipeline.ingest.domain.UnknownPipelineException;
import ml.pipeline.ingest.events.PublishEvents;
import ml.pipeline.ingest.storage.PipelineSpecStore;
import ml.pipeline.services.messaging.EventSender;
import ml.pipeline.services.spec.SpecSnapshots;
import ml.pipeline.services.storage.ObjectStore;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Publishing a dataset: check it is CSV with a header or readable Parquet, store its bytes under their sha256 (once),
 * freeze the pipeline's spec, ask the registry whether these bytes and spec start a run (not when
 * one ran or runs already, unless forced), and if so emit DatasetPublished, which starts it.
 */
@ApplicationScoped
public class PublishService {
    private static final Logger LOG = Logger.getLogger(PublishService.class);

    private final ObjectStore store;
    private final PipelineSpecStore specs;
    private final SpecSnapshots snapshots;
    private final RunClaimClient claims;
    private final EventMetas metas;
    private final EventSender sender;
    private final MutinyEmitter<DatasetPublished> published;

    public PublishService(ObjectStore store, PipelineSpecStore specs, SpecSnapshots snapshots, RunClaimClient claims, EventMetas metas, EventSender sender,
            @Channel(Topic.Names.DATASETS_PUBLISHED) MutinyEmitter<DatasetPublished> published) {
        this.store = store;
        this.specs = specs;
        this.snapshots = snapshots;
        this.claims = claims;
        this.metas = metas;
        this.sender = sender;
        this.published = published;
    }

    /**
     * Throws {@link UnknownPipelineException} when the pipeline has no spec and
     * {@link CsvFormatException} when the bytes are neither CSV with a header nor readable Parquet.
     */
    public PublishResult publish(PublishRequest request) {
        return publish(request, (pipeline, version, specHash, force) -> claims.claim(pipeline, version, specHash, force));
    }

    /**
     * A publish of no caller's (a source's scheduled poll): the same path, but the registry is
     * asked with {@code token}, and a registry that cannot be asked stops it (a source never forces).
     */
    public PublishResult publishAs(PublishRequest request, String token) {
        return publish(request, (pipeline, version, specHash, force) -> claims.claim(pipeline, version, specHash, force, token));
    }

    /** How the registry is asked: with the caller's token or with a source's. */
    private interface Claimer {
        java.util.Optional<RunClaim> claim(String pipeline, String datasetVersion, String specHash, boolean force);
    }

    private PublishResult publish(PublishRequest request, Claimer claimer) {
        SpecRef spec = request.specHash() == null
                ? specs.snapshot(request.pipeline()).orElseThrow(() -> new UnknownPipelineException(request.pipeline()))
                : specs.storedSnapshot(request.specHash()).orElseThrow(() -> new IllegalArgumentException(
                        "spec: no spec snapshot " + request.specHash() + " is stored (specs/<sha256>.yaml)"));
        requireWithinLimit(request.pipeline(), spec, sizeOf(request.file()));
        String format = formatOf(request.file(), snapshots.load(spec).dataset().format());
        DatasetInspection inspection = inspect(request.file(), format);
        S3Uri datasetUri = StorageLayout.dataset(request.datasetName(), inspection.sha256(), format);
        boolean storedNow = store.putIfAbsent(datasetUri, request.file(),
                DatasetFiles.PARQUET.equals(format) ? "application/vnd.apache.parquet" : "text/csv");

        RunClaim claim = claim(claimer, request, inspection.sha256(), spec.getHash());
        String eventId = null;
        if (claim.started()) {
            EventMeta meta = metas.startRun(request.pipeline(), claim.runId());
            meta.setReproduces(request.reproduces());
            // The run's trace starts here (in the request's, when it came over HTTP): every later event continues it.
            sender.send(published, PublishEvents.datasetPublished(meta, request, inspection, format, datasetUri, spec),
                    RunTraces.joinRun(Context.current(), claim.runId()));
            eventId = meta.getEventId();
        }
        return new PublishResult(request.pipeline(), claim.outcome(), claim.runId(), eventId, request.datasetName(),
                inspection.sha256(), datasetUri.toString(), inspection.sizeBytes(), inspection.rows(), spec.getUri(),
                spec.getHash(), storedNow, claim.status(), claim.version(), claim.stage(), claim.reason());
    }

    /**
     * Whether these bytes and this spec start a run, as the registry says. Forced, a publish runs
     * even when the registry cannot be asked; without a registry (ingest tested alone) every one does.
     */
    private RunClaim claim(Claimer claimer, PublishRequest request, String datasetVersion, String specHash) {
        try {
            return claimer.claim(request.pipeline(), datasetVersion, specHash, forced(request)).orElseGet(PublishService::newRun);
        } catch (RegistryUnavailableException e) {
            if (!forced(request)) {
                throw e;
            }
            LOG.warnf("%s; publishing anyway (force)", e.getMessage());
            return newRun();
        }
    }

    private static boolean forced(PublishRequest request) {
        return request.force() || request.reproduces() != null;
    }

    private static RunClaim newRun() {
        return new RunClaim(RunClaim.STARTED, UUID.randomUUID().toString(), null, null, null, null);
    }

    /**
     * A dataset already in the object store. Hashing and storing read the bytes twice: a local
     * copy keeps the store from serving them twice.
     */
    public PublishResult publishFromStore(String pipeline, String datasetName, S3Uri uri, boolean force, String specHash,
            String reproduces) {
        Path local = copyToTemporaryFile(uri);
        try {
            return publish(new PublishRequest(pipeline, datasetName, local, PublishRequest.FROM_STORE, force, specHash,
                    reproduces));
        } finally {
            deleteQuietly(local);
        }
    }

    /** The file's format by its bytes; refused (as malformed) when the spec asks for the other one. */
    private static String formatOf(Path file, String expected) {
        String format;
        try {
            format = DatasetFiles.formatOf(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file: " + e.getMessage(), e);
        }
        if (!DatasetContract.AUTO.equals(expected) && !expected.equals(format)) {
            throw new CsvFormatException("the spec's dataset.format is " + expected + " but the file is " + format
                    + (DatasetFiles.PARQUET.equals(format) ? " (it starts with Parquet's magic bytes)" : " (not Parquet)"));
        }
        return format;
    }

    private static DatasetInspection inspect(Path file, String format) {
        try {
            if (DatasetFiles.PARQUET.equals(format)) {
                String sha256;
                try (InputStream in = Files.newInputStream(file)) {
                    sha256 = ContentHash.sha256(in);
                }
                return DatasetInspection.ofRecords(sha256, Files.size(file), new ParquetReader(file, file.getParent()));
            }
            try (InputStream in = Files.newInputStream(file)) {
                return DatasetInspection.ofCsv(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file: " + e.getMessage(), e);
        }
    }

    private Path copyToTemporaryFile(S3Uri uri) {
        try (InputStream in = store.open(uri)) {
            Path local = Files.createTempFile("dataset-", ".csv");
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + uri + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file: the OS cleans its temp folder
        }
    }

    /** Refused before anything is stored: larger than the spec's limits.maxDatasetBytes. */
    private void requireWithinLimit(String pipeline, SpecRef spec, long bytes) {
        long limit = snapshots.load(spec).limits().maxDatasetBytes();
        if (bytes > limit) {
            throw new DatasetTooLargeException(pipeline, bytes, limit);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file: " + e.getMessage(), e);
        }
    }
}

package ml.pipeline.ingest.service;

import io.smallrye.mutiny.TimeoutException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import ml.pipeline.core.ContentHash;
import ml.pipeline.core.Texts;
import ml.pipeline.core.dataset.CsvFormatException;
import ml.pipeline.core.source.ListedObject;
import ml.pipeline.core.source.PollResult;
import ml.pipeline.core.source.SourceLedger;
import ml.pipeline.core.source.SourceStatus;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.spec.PipelineSpecParser;
import ml.pipeline.core.spec.SourceSpec;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.ingest.domain.DatasetTooLargeException;
import ml.pipeline.ingest.domain.NoSourceException;
import ml.pipeline.ingest.domain.PublishRequest;
import ml.pipeline.ingest.domain.PublishResult;
import ml.pipeline.ingest.domain.RegistryUnavailableException;
import ml.pipeline.ingest.domain.SourceView;
import ml.pipeline.ingest.domain.UnknownPipelineException;
import ml.pipeline.ingest.storage.JdbcSnapshot;
import ml.pipeline.ingest.storage.PipelineSpecStore;
import ml.pipeline.ingest.storage.SourceStore;
import ml.pipeline.services.metrics.PipelineMetrics;
import ml.pipeline.services.storage.ObjectNotFoundException;
import ml.pipeline.services.storage.ObjectStore;
import ml.pipeline.services.storage.StorageException;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * One poll of a pipeline's source: list the prefix (or run the query), read what was not read
 * before, and publish the bytes never seen, through {@link PublishService} as an HTTP publish
 * would. Which bytes start a run is settled twice: the source's seen hashes skip what it
 * published or refused before, and the registry's run claim, under its lock, lets one publish of
 * the same bytes and spec start a run however many replicas poll at once. A poll never throws:
 * every fault is a result in the source's status and a log line, and the next source goes on.
 */
@ApplicationScoped
public class SourcePoller {
    private static final Logger LOG = Logger.getLogger(SourcePoller.class);
    private static final int SHOWN_HASHES = 100;

    private final PipelineSpecStore specs;
    private final SourceStore sources;
    private final ObjectStore store;
    private final PublishService publisher;
    private final SourceSettings settings;
    private final PipelineMetrics metrics;
    private final Config config;
    private final PipelineSpecParser parser = new PipelineSpecParser();

    public SourcePoller(PipelineSpecStore specs, SourceStore sources, ObjectStore store, PublishService publisher,
            SourceSettings settings, PipelineMetrics metrics, Config config) {
        this.specs = specs;
        this.sources = sources;
        this.store = store;
        this.publisher = publisher;
        this.settings = settings;
        this.metrics = metrics;
        this.config = config;
    }

    /** The pipeline's current spec's source; empty when it has none. Throws UnknownPipelineException. */
    public Optional<SourceSpec> source(String pipeline) {
        String yaml = specs.current(pipeline).orElseThrow(() -> new UnknownPipelineException(pipeline));
        PipelineSpec spec = parser.parse(yaml);
        return Optional.ofNullable(spec.source());
    }

    /** The pipeline's sources as the API shows them: none, or its one. */
    public List<SourceView> views(String pipeline) {
        return source(pipeline).map(source -> List.of(view(pipeline, source))).orElse(List.of());
    }

    public SourceView setPaused(String pipeline, boolean paused) {
        SourceSpec source = source(pipeline).orElseThrow(() -> new NoSourceException(pipeline));
        sources.setPaused(pipeline, paused);
        LOG.infof("source of pipeline %s %s", pipeline, paused ? "paused" : "resumed");
        return view(pipeline, source);
    }

    /** Polls now (also when paused: someone asked), then shows the source. */
    public SourceView pollNow(String pipeline) {
        SourceSpec source = source(pipeline).orElseThrow(() -> new NoSourceException(pipeline));
        poll(pipeline, source);
        return view(pipeline, source);
    }

    /** A scheduled poll: skipped while paused; never throws. */
    public void scheduledPoll(String pipeline) {
        try {
            if (sources.paused(pipeline)) {
                return;
            }
            Optional<SourceSpec> source = source(pipeline);
            if (source.isPresent()) {
                poll(pipeline, source.get());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "source of pipeline %s: the poll could not start: %s", pipeline, e.getMessage());
        }
    }

    private SourceView view(String pipeline, SourceSpec source) {
        List<String> seen = sources.seenHashes(pipeline).stream().sorted().toList();
        String location = source.kind() == SourceSpec.Kind.JDBC ? source.jdbc().url() : source.s3Prefix();
        return new SourceView(pipeline, source.kind().yamlName(), location, source.schedule(), sources.paused(pipeline),
                sources.status(pipeline).orElse(SourceStatus.never()), seen.size(),
                seen.subList(0, Math.min(SHOWN_HASHES, seen.size())));
    }

    private void poll(String pipeline, SourceSpec source) {
        List<PollResult> results;
        try {
            results = source.kind() == SourceSpec.Kind.JDBC ? pollQuery(pipeline, source.jdbc()) : pollPrefix(pipeline, source);
        } catch (RuntimeException e) {
            results = List.of(PollResult.failed(source.kind() == SourceSpec.Kind.JDBC ? "the query" : source.s3Prefix(),
                    describe(e)));
        }
        for (PollResult result : results) {
            switch (result.kind()) {
                case STARTED -> LOG.infof("source of pipeline %s: %s started run %s", pipeline, result.item(), result.runId());
                case CLAIMED -> LOG.infof("source of pipeline %s: %s is known to the registry (run %s, %s): no run started",
                        pipeline, result.item(), result.runId(), result.message());
                case REFUSED -> LOG.warnf("source of pipeline %s: refused %s: %s (not tried again)", pipeline, result.item(),
                        result.message());
                case FAILED -> LOG.errorf("source of pipeline %s: %s failed: %s (tried again next poll)", pipeline,
                        result.item(), result.message());
                default -> {
                }
            }
        }
        try {
            SourceStatus status = sources.status(pipeline).orElse(SourceStatus.never()).after(Instant.now(), results);
            sources.putStatus(pipeline, status);
            metrics.sourcePolled(pipeline, status.lastOutcome().jsonName(), status.lastRuns().size());
        } catch (RuntimeException e) {
            LOG.errorf(e, "source of pipeline %s: cannot record the poll's status: %s", pipeline, e.getMessage());
        }
    }

    /** Every object under the prefix not read before as it is now, up to the poll's limit. */
    private List<PollResult> pollPrefix(String pipeline, SourceSpec source) {
        S3Uri prefix = S3Uri.parse(source.s3Prefix());
        if (!store.bucketExists(prefix.bucket())) {
            return List.of(PollResult.failed(source.s3Prefix(), "the object store has no bucket '" + prefix.bucket()
                    + "': create it, or point source.s3Prefix at one that exists"));
        }
        SourceLedger ledger = sources.ledger(pipeline);
        List<ListedObject> toRead = ledger.toRead(store.listObjects(prefix));
        Set<String> seenNow = new HashSet<>();
        List<PollResult> results = new ArrayList<>();
        long maxBytes = maxBytes(pipeline);
        for (ListedObject object : toRead.subList(0, Math.min(toRead.size(), settings.maxObjectsPerPoll()))) {
            String item = "s3://" + prefix.bucket() + "/" + object.key();
            Path local = null;
            String sha256 = null;
            PollResult result;
            try {
                if (object.size() > maxBytes) {
                    throw new DatasetTooLargeException(pipeline, object.size(), maxBytes);
                }
                local = copy(new S3Uri(prefix.bucket(), object.key()));
                sha256 = hash(local);
                result = !ledger.isNew(sha256) || !seenNow.add(sha256) ? PollResult.seen(item) : publish(pipeline, item, local);
            } catch (ObjectNotFoundException gone) {
                continue; // deleted since it was listed: nothing to read
            } catch (RuntimeException e) {
                result = classify(item, e);
            } finally {
                deleteQuietly(local);
            }
            remember(pipeline, object, sha256, result);
            results.add(result);
        }
        return results;
    }

    /** The query's rows as CSV: published when these bytes were never seen. */
    private List<PollResult> pollQuery(String pipeline, SourceSpec.Jdbc jdbc) {
        String item = "the query on " + jdbc.url();
        Optional<String> user = config.getOptionalValue(SourceSpec.Jdbc.userSetting(jdbc.credentials()), String.class);
        Optional<String> password = config.getOptionalValue(SourceSpec.Jdbc.passwordSetting(jdbc.credentials()), String.class);
        if (user.isEmpty() || password.isEmpty()) {
            return List.of(PollResult.failed(item, "no credentials '" + jdbc.credentials() + "' in ingest's settings: set "
                    + SourceSpec.Jdbc.userVariable(jdbc.credentials()) + " and " + SourceSpec.Jdbc.passwordVariable(jdbc.credentials())
                    + " (or " + SourceSpec.Jdbc.userSetting(jdbc.credentials()) + " and .password) for ingest"));
        }
        Path local = null;
        try {
            local = Files.createTempFile("source-" + pipeline + "-", ".csv");
            JdbcSnapshot.write(jdbc.url(), user.get(), password.get(), jdbc.query(), settings.queryTimeout(),
                    maxBytes(pipeline), local);
            String sha256 = hash(local);
            if (!sources.ledger(pipeline).isNew(sha256)) {
                return List.of(PollResult.seen(item));
            }
            PollResult result;
            try {
                result = publish(pipeline, item, local);
            } catch (RuntimeException e) {
                result = classify(item, e);
            }
            if (result.kind().remembered()) {
                sources.markSeen(pipeline, sha256, result);
            }
            return List.of(result);
        } catch (SQLException e) {
            return List.of(PollResult.failed(item, "the database said: " + e.getMessage()
                    + (e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")")));
        } catch (JdbcSnapshot.TooLargeException e) {
            return List.of(PollResult.failed(item, e.getMessage()));
        } catch (IOException e) {
            return List.of(PollResult.failed(item, "cannot write the snapshot: " + e.getMessage()));
        } finally {
            deleteQuietly(local);
        }
    }

    private PollResult publish(String pipeline, String item, Path file) {
        String token = settings.registryToken().filter(t -> !t.isBlank()).orElse(null);
        PublishResult published;
        try {
            published = publisher.publishAs(new PublishRequest(pipeline, null, file, PublishRequest.SCHEDULE, false), token);
        } catch (RegistryUnavailableException e) {
            if (token != null) {
                throw e;
            }
            return PollResult.failed(item, "ingest has no token to claim the run at the registry with: set "
                    + "PIPELINE_SOURCES_REGISTRY_TOKEN (pipeline.sources.registry-token) to a publisher's token "
                    + "(./pipeline token --role publisher --ttl 720h) and restart ingest; " + e.getMessage());
        }
        return published.started() ? PollResult.started(item, published.runId())
                : PollResult.claimed(item, published.runId(), published.outcome());
    }

    /**
     * Faults of the store, the registry or the broker are tried again next poll; anything else is
     * the object's own (not CSV with a header, too large, not the spec's format) and is remembered,
     * so a bad object is reported once and not read again as new each poll.
     */
    private static PollResult classify(String item, RuntimeException e) {
        boolean fault = e instanceof StorageException || e instanceof RegistryUnavailableException
                || e instanceof TimeoutException || e instanceof UnknownPipelineException || e instanceof CompletionException
                || e instanceof UncheckedIOException && e.getMessage() != null && e.getMessage().startsWith("cannot copy");
        if (!fault && !(e instanceof IllegalArgumentException) && !(e instanceof CsvFormatException)
                && !(e instanceof DatasetTooLargeException)) {
            LOG.warnf(e, "refusing %s for an unexpected error (not tried again)", item);
        }
        return fault ? PollResult.failed(item, describe(e)) : PollResult.refused(item, describe(e));
    }

    private static String describe(RuntimeException e) {
        return Texts.bounded(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private void remember(String pipeline, ListedObject object, String sha256, PollResult result) {
        if (!result.kind().remembered()) {
            return;
        }
        if (sha256 != null) {
            sources.markSeen(pipeline, sha256, result);
        }
        sources.markRead(pipeline, object, sha256, result);
    }

    private long maxBytes(String pipeline) {
        return parser.parse(specs.current(pipeline).orElseThrow(() -> new UnknownPipelineException(pipeline)))
                .limits().maxDatasetBytes();
    }

    private Path copy(S3Uri uri) {
        try (InputStream in = store.open(uri)) {
            Path local = Files.createTempFile("source-", ".data");
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + uri + ": " + e.getMessage(), e);
        }
    }

    private static String hash(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return ContentHash.sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file: the OS cleans its temp folder
        }
    }
}

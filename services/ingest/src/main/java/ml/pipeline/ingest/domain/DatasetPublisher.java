package ml.pipeline.ingest.domain;

import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import ml.pipeline.core.EventMetas;
import ml.pipeline.core.dataset.DatasetInspection;
import ml.pipeline.core.storage.ObjectStore;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.SpecRef;
import ml.pipeline.events.Topic;
import ml.pipeline.ingest.storage.PipelineSpecStore;
import ml.pipeline.services.messaging.EventMessages;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishing a dataset: check it is CSV with a header, store its bytes under their sha256 (once),
 * freeze the pipeline's spec, and emit DatasetPublished, which starts a run.
 */
@ApplicationScoped
public class DatasetPublisher {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final String CSV = "csv";

    private final ObjectStore store;
    private final PipelineSpecStore specs;
    private final EventMetas metas;
    private final MutinyEmitter<DatasetPublished> published;

    public DatasetPublisher(ObjectStore store, PipelineSpecStore specs, EventMetas metas,
            @Channel(Topic.Names.DATASETS_PUBLISHED) MutinyEmitter<DatasetPublished> published) {
        this.store = store;
        this.specs = specs;
        this.metas = metas;
        this.published = published;
    }

    /**
     * Throws {@link UnknownPipelineException} when the pipeline has no spec and
     * {@link ml.pipeline.core.dataset.CsvFormatException} when the bytes are not CSV with a header.
     */
    public PublishResult publish(PublishRequest request) {
        SpecRef spec = specs.snapshot(request.pipeline()).orElseThrow(() -> new UnknownPipelineException(request.pipeline()));
        DatasetInspection inspection = inspect(request);
        S3Uri datasetUri = StorageLayout.dataset(request.datasetName(), inspection.sha256(), CSV);
        boolean storedNow = store.putIfAbsent(datasetUri, request.file(), "text/csv");

        EventMeta meta = metas.startRun(request.pipeline());
        DatasetPublished event = DatasetPublished.newBuilder()
                .setMeta(meta)
                .setDataset(DatasetRef.newBuilder().setName(request.datasetName()).setVersion(inspection.sha256())
                        .setUri(datasetUri.toString()).build())
                .setFormat(CSV)
                .setSizeBytes(inspection.sizeBytes())
                .setRows(inspection.rows())
                .setSource(request.source())
                .setSpec(spec)
                .build();
        published.sendMessage(EventMessages.of(event, meta)).await().atMost(SEND_TIMEOUT);
        return new PublishResult(request.pipeline(), meta.getRunId(), meta.getEventId(), request.datasetName(),
                inspection.sha256(), datasetUri.toString(), inspection.sizeBytes(), inspection.rows(), spec.getUri(),
                spec.getHash(), storedNow);
    }

    private static DatasetInspection inspect(PublishRequest request) {
        try (InputStream in = Files.newInputStream(request.file())) {
            return DatasetInspection.ofCsv(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file: " + e.getMessage(), e);
        }
    }
}

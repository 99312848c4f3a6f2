package ml.pipeline.ingest.events;

import ml.pipeline.core.dataset.DatasetInspection;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.SpecRef;
import ml.pipeline.ingest.domain.PublishRequest;

/** The event that starts a run: a dataset stored by content, with the spec snapshot the run will use. */
public final class PublishEvents {
    private PublishEvents() {
    }

    public static DatasetPublished datasetPublished(EventMeta meta, PublishRequest request, DatasetInspection inspection,
            String format, S3Uri datasetUri, SpecRef spec) {
        return DatasetPublished.newBuilder()
                .setMeta(meta)
                .setDataset(DatasetRef.newBuilder().setName(request.datasetName()).setVersion(inspection.sha256())
                        .setUri(datasetUri.toString()).build())
                .setFormat(format)
                .setSizeBytes(inspection.sizeBytes())
                .setRows(inspection.rows())
                .setSource(request.source())
                .setSpec(spec)
                .build();
    }
}

package ml.pipeline.e2e;

import java.time.Clock;
import ml.pipeline.core.EventMetas;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.SpecRef;

final class SampleEvents {
    private SampleEvents() {
    }

    static DatasetPublished datasetPublished(String pipeline) {
        String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        return DatasetPublished.newBuilder()
                .setMeta(new EventMetas("e2e-test", "0", Clock.systemUTC()).startRun(pipeline))
                .setDataset(DatasetRef.newBuilder().setName("churn").setVersion(sha)
                        .setUri("s3://datasets/churn/" + sha + "/data.csv").build())
                .setFormat("csv")
                .setSizeBytes(1234)
                .setRows(42L)
                .setSource("cli")
                .setSpec(SpecRef.newBuilder().setUri("s3://specs/abc.yaml").setHash("abc").build())
                .build();
    }
}

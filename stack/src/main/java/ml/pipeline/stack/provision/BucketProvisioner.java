package ml.pipeline.stack.provision;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.util.ArrayList;
import java.util.List;
import ml.pipeline.stack.StackConfig;

/** Creates the object store's buckets (datasets, specs, features, models) if missing. */
public final class BucketProvisioner {
    private final StackConfig config;

    public BucketProvisioner(StackConfig config) {
        this.config = config;
    }

    public List<String> ensureBuckets() {
        MinioClient client = MinioClient.builder()
                .endpoint(config.s3().endpoint())
                .credentials(config.s3().accessKey(), config.s3().secretKey())
                .build();
        List<String> created = new ArrayList<>();
        for (String bucket : config.s3().buckets()) {
            try {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                    created.add(bucket);
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot create bucket '" + bucket + "' on " + config.s3().endpoint()
                        + ": " + e.getMessage(), e);
            }
        }
        return created;
    }
}

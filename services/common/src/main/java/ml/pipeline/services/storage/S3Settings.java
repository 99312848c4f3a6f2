package ml.pipeline.services.storage;

import io.smallrye.config.ConfigMapping;

/** Where the S3 store is and how to log in: set by the stack launcher (or the tests' stack resource). */
@ConfigMapping(prefix = "pipeline.s3")
public interface S3Settings {
    /** e.g. http://127.0.0.1:19000 */
    String endpoint();

    String accessKey();

    String secretKey();
}

package ml.pipeline.core.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import ml.pipeline.core.ContentHash;
import ml.pipeline.core.spec.ModelSpec;

/**
 * The id of a training run: what makes two runs the same run is the same dataset bytes, the same
 * fitted transform and the same model spec, so the id is a hash of their content hashes. A
 * redelivered or republished input therefore resumes or reuses its run instead of training anew.
 */
public final class TrainingRunId {
    /** 80 bits of the hash: short enough for paths and tables, far from any collision in practice. */
    static final int LENGTH = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingRunId() {
    }

    public static String of(String datasetVersion, String transformVersion, ModelSpec model) {
        require("dataset version", datasetVersion);
        require("transform version", transformVersion);
        String identity = datasetVersion + "|" + transformVersion + "|" + modelSpecHash(model);
        return ContentHash.sha256(identity.getBytes(StandardCharsets.UTF_8)).substring(0, LENGTH);
    }

    /** The sha256 of the model spec with every default made explicit, so a default spelled out changes nothing. */
    public static String modelSpecHash(ModelSpec model) {
        try {
            return ContentHash.sha256(JSON.writeValueAsBytes(model));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a model spec is plain data and always serializes", e);
        }
    }

    private static void require(String what, String hash) {
        if (hash == null || hash.isBlank()) {
            throw new IllegalArgumentException("a training run id needs the " + what + ", got '" + hash + "'");
        }
    }
}

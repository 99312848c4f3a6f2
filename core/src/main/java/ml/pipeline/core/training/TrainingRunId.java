package ml.pipeline.core.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import ml.pipeline.core.ContentHash;
import ml.pipeline.core.spec.ModelSpec;
import ml.pipeline.core.spec.SearchSpec;

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

    /**
     * The id of a hyperparameter search over these inputs: its trials are training runs of their
     * own ({@link #of} with the trial's model spec), so two searches share a trial they both draw.
     */
    public static String ofSearch(String datasetVersion, String transformVersion, ModelSpec model, SearchSpec search) {
        require("dataset version", datasetVersion);
        require("transform version", transformVersion);
        String identity = "search|" + datasetVersion + "|" + transformVersion + "|" + modelSpecHash(model) + "|"
                + hash(search);
        return ContentHash.sha256(identity.getBytes(StandardCharsets.UTF_8)).substring(0, LENGTH);
    }

    /** The sha256 of the model spec with every default made explicit, so a default spelled out changes nothing. */
    public static String modelSpecHash(ModelSpec model) {
        return hash(model);
    }

    private static String hash(Record spec) {
        try {
            return ContentHash.sha256(JSON.writeValueAsBytes(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a spec is plain data and always serializes", e);
        }
    }

    private static void require(String what, String hash) {
        if (hash == null || hash.isBlank()) {
            throw new IllegalArgumentException("a training run id needs the " + what + ", got '" + hash + "'");
        }
    }
}

package ml.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import ml.pipeline.stack.StackConfig;

/** The ingest service's API, as the CLI uses it: specs in, datasets in, and the pipelines' sources. */
final class IngestClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final Optional<String> authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    IngestClient(StackConfig stack) {
        this.base = "http://" + StackConfig.LOOPBACK + ":" + stack.services().port("ingest");
        this.authorization = CliToken.header(stack);
    }

    JsonNode putSpec(String pipeline, Path spec) throws IOException, InterruptedException {
        return send(request("/api/v1/pipelines/" + pipeline)
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofFile(spec)).build());
    }

    /** {@code force}: run even if these bytes and the pipeline's spec ran or run already. */
    JsonNode publish(String pipeline, String name, Path file, boolean force) throws IOException, InterruptedException {
        String boundary = "pipeline-" + UUID.randomUUID();
        return send(request("/api/v1/datasets")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.concat(
                        text(field(boundary, "pipeline", pipeline) + (name == null ? "" : field(boundary, "name", name))
                                + field(boundary, "source", "cli") + field(boundary, "force", String.valueOf(force))
                                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                                + file.getFileName() + "\"\r\nContent-Type: text/csv\r\n\r\n"),
                        HttpRequest.BodyPublishers.ofFile(file),
                        text("\r\n--" + boundary + "--\r\n")))
                .build());
    }

    /**
     * Publishes a dataset already in the object store with a stored spec snapshot, as a
     * reproduction of {@code reproduces} (a training run id): it always starts a run.
     */
    JsonNode reproduce(String pipeline, String name, String datasetUri, String specHash, String reproduces)
            throws IOException, InterruptedException {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("pipeline", pipeline);
        body.put("name", name);
        body.put("uri", datasetUri);
        body.put("spec", specHash);
        body.put("reproduces", reproduces);
        return send(request("/api/v1/datasets").header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    /** A GET of ingest's API (e.g. a pipeline's sources). */
    JsonNode get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    /** A POST with no body (pause, resume or poll a source). */
    JsonNode post(String path) throws IOException, InterruptedException {
        return send(request(path).timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliException("ingest is not running at " + base + ": start it with ./pipeline services up");
        }
        JsonNode body = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        if (response.statusCode() / 100 != 2) {
            StringBuilder message = new StringBuilder(body.path("error").asText("ingest answered " + response.statusCode()));
            body.path("problems").forEach(problem -> message.append("\n  - ").append(problem.asText()));
            throw new CliException(message.toString());
        }
        return body;
    }

    private static String field(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static HttpRequest.BodyPublisher text(String text) {
        return HttpRequest.BodyPublishers.ofByteArray(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A request to {@code path}, with the CLI's token when it has one. */
    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }
}

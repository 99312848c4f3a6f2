package ml.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Sends a dataset to ingest (and, with --spec, the pipeline's spec first): a run starts. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publish a CSV dataset to a pipeline; prints the run it started.")
final class PublishCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The dataset: CSV with a header row.")
    Path file;

    @Option(names = "--pipeline", required = true, description = "The pipeline it feeds.")
    String pipeline;

    @Option(names = "--name", description = "The name it is stored under (default: the pipeline's).")
    String name;

    @Option(names = "--spec", paramLabel = "SPEC.yaml", description = "First make this the pipeline's spec.")
    Path specFile;

    @Option(names = "--test", description = "Publish to the services of the test stack.")
    boolean testStack;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isRegularFile(file)) {
            throw new StackException("no file " + file);
        }
        StackConfig stack = Checkout.stack(testStack, new java.io.PrintStream(System.err, true)).config();
        String ingest = "http://" + StackConfig.LOOPBACK + ":" + stack.services().port("ingest");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        PrintWriter out = spec.commandLine().getOut();
        if (specFile != null) {
            HttpRequest put = HttpRequest.newBuilder(URI.create(ingest + "/api/v1/pipelines/" + pipeline))
                    .header("Content-Type", "application/yaml")
                    .PUT(HttpRequest.BodyPublishers.ofFile(specFile)).build();
            JsonNode saved = send(http, put, ingest);
            out.println("spec      " + specFile + " is pipeline " + saved.path("pipeline").asText() + "'s spec");
        }
        String boundary = "pipeline-" + UUID.randomUUID();
        HttpRequest post = HttpRequest.newBuilder(URI.create(ingest + "/api/v1/datasets"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.concat(
                        text(field(boundary, "pipeline", pipeline) + (name == null ? "" : field(boundary, "name", name))
                                + field(boundary, "source", "cli")
                                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                                + file.getFileName() + "\"\r\nContent-Type: text/csv\r\n\r\n"),
                        HttpRequest.BodyPublishers.ofFile(file),
                        text("\r\n--" + boundary + "--\r\n")))
                .build();
        JsonNode result = send(http, post, ingest);
        out.println("run       " + result.path("runId").asText() + " of pipeline " + result.path("pipeline").asText());
        out.println("dataset   " + result.path("datasetUri").asText() + " (" + result.path("rows").asLong() + " rows, "
                + (result.path("storedNow").asBoolean() ? "stored now" : "already stored: same bytes") + ")");
        out.println("spec      " + result.path("specUri").asText());
        out.println("Follow it: ./pipeline events datasets.validated --pipeline " + pipeline);
        return 0;
    }

    private static JsonNode send(HttpClient http, HttpRequest request, String ingest) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new StackException("ingest is not running at " + ingest + ": start it with ./pipeline services up");
        }
        JsonNode body = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        if (response.statusCode() / 100 != 2) {
            StringBuilder message = new StringBuilder(body.path("error").asText("ingest answered " + response.statusCode()));
            body.path("problems").forEach(problem -> message.append("\n  - ").append(problem.asText()));
            throw new StackException(message.toString());
        }
        return body;
    }

    private static String field(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static HttpRequest.BodyPublisher text(String text) {
        return HttpRequest.BodyPublishers.ofByteArray(text.getBytes(StandardCharsets.UTF_8));
    }
}

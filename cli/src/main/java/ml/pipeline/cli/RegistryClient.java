package ml.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import ml.pipeline.stack.StackConfig;

/** The registry service's API, as the CLI uses it. */
final class RegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final Optional<String> authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RegistryClient(StackConfig stack) {
        this.base = baseUrl(stack);
        this.authorization = CliToken.header(stack);
    }

    /** Where the registry answers: its API, and the dashboard under /ui. */
    static String baseUrl(StackConfig stack) {
        return "http://" + StackConfig.LOOPBACK + ":" + stack.services().port("registry");
    }

    /** The JSON answer, or a missing node for 404 (not recorded yet, or no such thing). */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request(path).build());
        if (response.statusCode() == 404) {
            return JSON.missingNode();
        }
        return answer(path, response);
    }

    /** Posts a JSON body; a refusal (4xx) is a CliException with the registry's words. */
    JsonNode post(String path, Object body) throws IOException, InterruptedException {
        return answer(path, send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build()));
    }

    /** Puts a JSON body; a refusal (4xx) is a CliException with the registry's words. */
    JsonNode put(String path, Object body) throws IOException, InterruptedException {
        return answer(path, send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build()));
    }

    /** Deletes; a refusal (4xx) is a CliException with the registry's words. */
    JsonNode delete(String path) throws IOException, InterruptedException {
        return answer(path, send(request(path).DELETE().build()));
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliException("the registry is not running at " + base + ": start it with ./pipeline services up");
        }
    }

    private static JsonNode answer(String path, HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            String body = response.body();
            try {
                body = JSON.readTree(body).path("error").asText(body);
            } catch (IOException notJson) {
                // the body as it came
            }
            throw new CliException("the registry answered " + response.statusCode() + " to " + path + ": " + body);
        }
        return JSON.readTree(response.body());
    }

    /** A request to {@code path}, with the CLI's token when it has one. */
    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }
}

package ml.pipeline.ingest.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import ml.pipeline.ingest.domain.RegistryUnavailableException;
import ml.pipeline.ingest.domain.RunClaim;
import ml.pipeline.services.api.ServiceLinks;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Asks the registry, which knows every run, whether these bytes and this spec may start one
 * ({@code POST /api/v1/pipelines/{name}/runs}), with the publisher's own token: the registry
 * checks the same role. Empty when no registry is configured.
 */
@ApplicationScoped
public class RunClaimClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Optional<String> registryUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final JsonWebToken caller;

    public RunClaimClient(ServiceLinks links, JsonWebToken caller) {
        this.registryUrl = links.registryUrl().filter(url -> !url.isBlank());
        this.caller = caller;
    }

    public Optional<RunClaim> claim(String pipeline, String datasetVersion, String specHash, boolean force) {
        return claim(pipeline, datasetVersion, specHash, force, caller.getRawToken());
    }

    /**
     * The same with a token of its own: a source's scheduled publish has no caller, so it shows
     * ingest's configured token (SourceSettings#registryToken); null sends none, which the registry refuses.
     */
    public Optional<RunClaim> claim(String pipeline, String datasetVersion, String specHash, boolean force, String token) {
        if (registryUrl.isEmpty()) {
            return Optional.empty();
        }
        String url = registryUrl.get() + "/api/v1/pipelines/" + pipeline + "/runs";
        try {
            String body = JSON.writeValueAsString(Map.of("datasetVersion", datasetVersion, "specHash", specHash, "force", force));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new RegistryUnavailableException(registryUrl.get(), "it answered " + response.statusCode() + ": "
                        + response.body());
            }
            return Optional.of(JSON.readValue(response.body(), RunClaim.class));
        } catch (IOException e) {
            throw new RegistryUnavailableException(registryUrl.get(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException(registryUrl.get(), "interrupted");
        }
    }
}

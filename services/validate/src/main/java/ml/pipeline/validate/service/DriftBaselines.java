package ml.pipeline.validate.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import ml.pipeline.core.drift.DriftCheck;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.core.validation.DatasetProfile;
import ml.pipeline.services.api.ServiceLinks;
import ml.pipeline.services.api.ServiceUnavailableException;
import ml.pipeline.services.storage.ObjectNotFoundException;
import ml.pipeline.services.storage.ObjectStore;

/**
 * The drift baseline: the stored profile of the dataset the model in production was trained on,
 * as the registry (the one authority on production) names it. No registry configured, no model in
 * production, or a baseline profile that is gone: none, with why.
 */
@ApplicationScoped
public class DriftBaselines {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Optional<String> registryUrl;
    private final ObjectStore store;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public DriftBaselines(ServiceLinks links, ObjectStore store) {
        this.registryUrl = links.registryUrl().filter(url -> !url.isBlank());
        this.store = store;
    }

    /** The baseline, or why there is none. */
    public record Lookup(Optional<DriftCheck.Baseline> baseline, String whyNone) {
    }

    public Lookup of(String model) {
        if (registryUrl.isEmpty()) {
            return none("no registry is configured (pipeline.services.registry-url): drift is not computed");
        }
        String url = registryUrl.get() + "/api/v1/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8) + "/production";
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ServiceUnavailableException("the registry", url, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("the registry", url, "interrupted");
        }
        if (response.statusCode() == 404) {
            return none("no version of " + model + " is in production: nothing to compare with");
        }
        if (response.statusCode() != 200) {
            throw new ServiceUnavailableException("the registry", url, "it answered " + response.statusCode());
        }
        try {
            JsonNode production = JSON.readTree(response.body());
            String datasetVersion = production.path("datasetVersion").asText();
            int version = production.path("version").asInt();
            DatasetProfile profile = store.readJson(StorageLayout.profile(production.path("datasetName").asText(), datasetVersion),
                    DatasetProfile.class);
            return new Lookup(Optional.of(new DriftCheck.Baseline(datasetVersion, version, profile)), null);
        } catch (ObjectNotFoundException e) {
            return none("the profile of the dataset behind the production model is gone: drift is not computed");
        } catch (IOException e) {
            throw new ServiceUnavailableException("the registry", url, "an unreadable answer: " + e.getMessage());
        }
    }

    private static Lookup none(String why) {
        return new Lookup(Optional.empty(), why);
    }
}

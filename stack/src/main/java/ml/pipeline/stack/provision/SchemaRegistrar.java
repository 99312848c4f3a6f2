package ml.pipeline.stack.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ml.pipeline.events.Topic;
import org.apache.avro.Schema;

/**
 * Talks to the schema registry through its Confluent-compatible API, the one Kafka UI and every
 * Confluent client use: compatibility rules, registration, look-ups.
 */
public final class SchemaRegistrar {
    public static final String BACKWARD = "BACKWARD";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String ccompatUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SchemaRegistrar(String ccompatUrl) {
        this.ccompatUrl = ccompatUrl;
    }

    /** Thrown when the registry refuses a schema as incompatible with the subject's earlier versions. */
    public static final class IncompatibleSchemaException extends RuntimeException {
        public IncompatibleSchemaException(String message) {
            super(message);
        }
    }

    /**
     * Enforces BACKWARD compatibility (globally and on each event subject) and registers every
     * event schema. Registering the same schema again returns its existing id. Returns subject -> id.
     */
    public Map<String, Integer> registerAll() {
        setGlobalCompatibility(BACKWARD);
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Topic topic : Topic.values()) {
            setCompatibility(topic.valueSubject(), BACKWARD);
            ids.put(topic.valueSubject(), register(topic.valueSubject(), topic.schema()));
        }
        return ids;
    }

    public void setGlobalCompatibility(String level) {
        send("PUT", "/config", Map.of("compatibility", level));
    }

    public void setCompatibility(String subject, String level) {
        send("PUT", "/config/" + encode(subject), Map.of("compatibility", level));
    }

    /** Registers a schema under a subject and returns its id; refused if incompatible. */
    public int register(String subject, Schema schema) {
        JsonNode body = send("POST", "/subjects/" + encode(subject) + "/versions",
                Map.of("schema", schema.toString(), "schemaType", "AVRO"));
        return body.get("id").asInt();
    }

    /** Asks the registry whether a schema could be registered under the subject, without registering it. */
    public boolean isCompatible(String subject, Schema schema) {
        JsonNode body = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                Map.of("schema", schema.toString(), "schemaType", "AVRO"));
        return body.path("is_compatible").asBoolean(false);
    }

    /** Every subject the registry knows. */
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    /** The version numbers registered under a subject, oldest first. */
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        send("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(node -> versions.add(node.asInt()));
        return versions;
    }

    /** The schema stored under an id, as the Confluent wire format's 4-byte id names it. */
    public Optional<Schema> schemaById(int id) {
        HttpResponse<String> response = exchange("GET", "/schemas/ids/" + id, null);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode body = parse(response, "/schemas/ids/" + id);
        return Optional.of(new Schema.Parser().parse(body.get("schema").asText()));
    }

    private JsonNode send(String method, String path, Object body) {
        return parse(exchange(method, path, body), path);
    }

    private HttpResponse<String> exchange(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ccompatUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .header("Accept", "application/vnd.schemaregistry.v1+json, application/json");
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            return http.send(request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("schema registry at " + ccompatUrl + " did not answer " + method + " " + path
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the schema registry", e);
        }
    }

    private static JsonNode parse(HttpResponse<String> response, String path) {
        int status = response.statusCode();
        if (status == 409) {
            throw new IncompatibleSchemaException("the schema registry refused the schema for " + path
                    + " as incompatible: " + response.body());
        }
        if (status / 100 != 2) {
            throw new IllegalStateException("schema registry answered " + status + " to " + path + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("schema registry sent unreadable JSON for " + path + ": " + response.body(), e);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }
}

package ml.pipeline.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One overlay rendered by {@code kubectl kustomize}: the objects it would apply, and ways to find them. */
record Manifests(String name, List<ObjectNode> objects) {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    static Manifests render(Path checkout, Path kustomization) throws IOException, InterruptedException {
        Path kubectl = Kubectl.find(checkout);
        Processes.Result result = Processes.run(checkout, List.of(kubectl.toString(), "kustomize", kustomization.toString()),
                Map.of(), 120);
        if (result.exit() != 0) {
            throw new IllegalStateException("kubectl kustomize " + checkout.relativize(kustomization) + " failed: " + result.err().strip());
        }
        return new Manifests(checkout.relativize(kustomization).toString(), parse(result.out()));
    }

    static List<ObjectNode> parse(String yaml) throws IOException {
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document instanceof ObjectNode object) {
                    objects.add(object);
                }
            }
        }
        return objects;
    }

    /** A deep copy, for the tests that break one thing and expect a check to say so. */
    Manifests copy() {
        return new Manifests(name, objects.stream().map(ObjectNode::deepCopy).toList());
    }

    List<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(nameOf(o))).findFirst();
    }

    ObjectNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new IllegalArgumentException(this.name + " has no " + kind + " " + name));
    }

    static String nameOf(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String describe(JsonNode object) {
        return object.path("kind").asText() + " " + nameOf(object);
    }
}

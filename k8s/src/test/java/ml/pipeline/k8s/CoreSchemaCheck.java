package ml.pipeline.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Objects of Kubernetes' own kinds against their JSON schemas, with npm kubernetes-models 5.1.0
 * (offline; installed by npm ci from k8s/src/test/node's lock file). An object of a kind neither
 * Kubernetes nor {@link CustomResourceCheck} knows is a problem too: nothing goes unchecked.
 */
final class CoreSchemaCheck {
    private final Path script;

    private CoreSchemaCheck(Path script) {
        this.script = script;
    }

    static CoreSchemaCheck ready(Path checkout) throws IOException, InterruptedException {
        Path folder = checkout.resolve("k8s/src/test/node");
        if (!Files.isDirectory(folder.resolve("node_modules/kubernetes-models"))) {
            int exit;
            String said;
            try {
                Processes.Result npm = Processes.run(folder, List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 600);
                exit = npm.exit();
                said = npm.out() + npm.err();
            } catch (IOException noNpm) {
                exit = -1;
                said = noNpm.getMessage();
            }
            if (exit != 0) {
                fail("checking k8s/ needs Node.js and npm (Debian: sudo apt-get install nodejs npm) to install "
                        + "kubernetes-models into k8s/src/test/node (npm ci there): " + said.strip());
            }
        }
        return new CoreSchemaCheck(folder.resolve("validate.mjs"));
    }

    List<String> problems(Manifests manifests) throws IOException, InterruptedException {
        Path input = Files.createTempFile("k8s-objects-", ".json");
        try {
            Manifests.JSON.writeValue(input.toFile(), manifests.objects());
            Processes.Result result = Processes.run(script.getParent(), List.of("node", script.getFileName().toString(), input.toString()),
                    Map.of(), 300);
            if (result.exit() != 0) {
                throw new IllegalStateException("node validate.mjs failed (" + result.exit() + "): " + result.err().strip());
            }
            List<String> problems = new ArrayList<>();
            Set<String> custom = CustomResourceCheck.KINDS;
            int answered = 0;
            for (String line : result.out().lines().filter(l -> l.startsWith("{")).toList()) {
                JsonNode verdict = Manifests.JSON.readTree(line);
                answered++;
                ObjectNode object = manifests.objects().get(verdict.path("index").asInt());
                String what = manifests.name() + ": " + Manifests.describe(object);
                switch (verdict.path("status").asText()) {
                    case "valid" -> { }
                    case "invalid" -> problems.add(what + " does not match its schema: " + verdict.path("message").asText());
                    case "unknown-kind" -> {
                        if (!custom.contains(object.path("apiVersion").asText() + " " + object.path("kind").asText())) {
                            problems.add(what + " (" + object.path("apiVersion").asText() + ") is of a kind no check knows");
                        }
                    }
                    default -> problems.add(what + ": unexpected verdict " + line);
                }
            }
            if (answered != manifests.objects().size()) {
                problems.add(manifests.name() + ": the schema check answered for " + answered + " of "
                        + manifests.objects().size() + " objects: " + result.err().strip());
            }
            return problems;
        } finally {
            Files.deleteIfExists(input);
        }
    }
}

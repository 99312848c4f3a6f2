package ml.pipeline.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay of k8s/ renders with kubectl kustomize and passes every check; dev and prod are what they say. */
class OverlaysTest {
    private static CoreSchemaCheck schemas;
    private static ProjectFacts facts;

    @BeforeAll
    static void setUp() throws Exception {
        schemas = CoreSchemaCheck.ready(Overlays.CHECKOUT);
        facts = ProjectFacts.read(Overlays.CHECKOUT);
    }

    static List<String> overlays() {
        return Overlays.names();
    }

    @Test
    void theOverlaysAreDevAndProd() {
        assertEquals(List.of("dev", "prod"), Overlays.names());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void coreKindsMatchTheirSchemas(String overlay) throws Exception {
        Manifests m = Overlays.rendered(overlay);
        assertTrue(m.objects().size() > 40, overlay + " rendered only " + m.objects().size() + " objects");
        assertEquals(List.of(), schemas.problems(m));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void customResourcesHaveTheirRequiredFields(String overlay) {
        assertEquals(List.of(), CustomResourceCheck.problems(Overlays.rendered(overlay)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theServicesGetTheKeysPortsAndTopicsTheyRead(String overlay) {
        assertEquals(List.of(), new WiringCheck(facts).problems(Overlays.rendered(overlay)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectIsInTheNamespace(String overlay) {
        Set<String> namespaces = Overlays.rendered(overlay).objects().stream().filter(o -> !"Namespace".equals(o.path("kind").asText()))
                .map(o -> o.at("/metadata/namespace").asText()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("ml-pipeline"), namespaces);
    }

    @Test
    void devRunsOneOfEachWithSmallRequests() {
        Manifests dev = Overlays.rendered("dev");
        for (ObjectNode deployment : dev.ofKind("Deployment")) {
            assertEquals(1, deployment.at("/spec/replicas").asInt(), Manifests.describe(deployment));
        }
        for (String service : facts.services()) {
            JsonNode requests = dev.get("Deployment", service).at("/spec/template/spec/containers/0/resources/requests");
            assertEquals("50m", requests.path("cpu").asText(), service);
        }
        assertEquals(1, dev.get("KafkaNodePool", "combined").at("/spec/replicas").asInt());
        assertTrue(dev.ofKind("ScaledObject").isEmpty() && dev.ofKind("ServiceMonitor").isEmpty());
        assertTrue(dev.find("Secret", "pipeline-s3").isEmpty(), "the generated Secret carries a content hash in its name");
        String s3Secret = dev.get("Deployment", "ingest").at("/spec/template/spec/containers/0/env").findValues("secretKeyRef").get(0)
                .path("name").asText();
        assertTrue(dev.find("Secret", s3Secret).isPresent(), "the services read the generated S3 Secret, not " + s3Secret);
    }

    @Test
    void prodHasReplicasBudgetsTheGpuMonitoringAndAutoscaling() throws Exception {
        Manifests prod = Overlays.rendered("prod");
        for (String service : facts.services()) {
            assertEquals(2, prod.get("Deployment", service).at("/spec/replicas").asInt(), service);
            assertEquals(service, prod.get("PodDisruptionBudget", service).at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText());
        }
        JsonNode trainer = prod.get("Deployment", "trainer").at("/spec/template/spec");
        assertEquals(1, trainer.at("/containers/0/resources/limits/nvidia.com~1gpu").asInt());
        assertTrue(trainer.at("/containers/0/image").asText().endsWith("-cuda"), trainer.at("/containers/0/image").asText());
        assertEquals("nvidia.com/gpu", trainer.at("/tolerations/0/key").asText());
        assertTrue(prod.get("Deployment", "evaluator").at("/spec/template/spec/containers/0/resources/limits/nvidia.com~1gpu").isMissingNode());
        assertEquals(Set.of("trainer", "evaluator"), prod.ofKind("ScaledObject").stream()
                .map(s -> s.at("/spec/scaleTargetRef/name").asText()).collect(Collectors.toSet()));
        assertEquals(1, prod.ofKind("ServiceMonitor").size());
        ObjectNode dashboard = prod.get("ConfigMap", "grafana-dashboard-ml-pipeline");
        assertEquals("1", dashboard.at("/metadata/labels/grafana_dashboard").asText());
        assertEquals(Files.readString(Overlays.CHECKOUT.resolve("monitoring/grafana-dashboard.json")),
                dashboard.at("/data/grafana-dashboard.json").asText(), "the one dashboard, monitoring/grafana-dashboard.json");
        assertEquals(3, prod.get("KafkaNodePool", "combined").at("/spec/replicas").asInt());
        prod.ofKind("KafkaTopic").forEach(t -> assertEquals(3, t.at("/spec/replicas").asInt(), Manifests.describe(t)));
        assertEquals(3, prod.get("Cluster", "pipeline-db").at("/spec/instances").asInt());
    }
}

package ml.pipeline.k8s;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check says so when the manifests break what it guards: a rendered overlay with one thing broken. */
class ChecksCanFailTest {
    private static CoreSchemaCheck schemas;
    private static WiringCheck wiring;

    @BeforeAll
    static void setUp() throws Exception {
        schemas = CoreSchemaCheck.ready(Overlays.CHECKOUT);
        wiring = new WiringCheck(ProjectFacts.read(Overlays.CHECKOUT));
    }

    @Test
    void aKustomizationThatDoesNotRenderIsReported(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Manifests.render(Overlays.CHECKOUT, dir));
        assertTrue(e.getMessage().contains("missing.yaml"), e.getMessage());
    }

    @Test
    void theSchemaCheckFindsAWrongTypeAMissingFieldAndAnUnknownKind() throws Exception {
        Manifests broken = broken("dev", m -> {
            m.get("Deployment", "ingest").with("spec").put("replicas", "2");
            m.get("Deployment", "validate").with("spec").with("template").with("spec").remove("containers");
            ObjectNode widget = Manifests.JSON.createObjectNode().put("apiVersion", "example.com/v1").put("kind", "Widget");
            widget.with("metadata").put("name", "w");
            ((List<ObjectNode>) m.objects()).add(widget);
        });
        List<String> problems = schemas.problems(broken);
        expect(problems, "Deployment ingest does not match its schema: data/spec/replicas must be integer");
        expect(problems, "Deployment validate does not match its schema: data/spec/template/spec must have required property containers");
        expect(problems, "Widget w (example.com/v1) is of a kind no check knows");
    }

    @Test
    void theCustomResourceCheckFindsMissingFieldsAndBrokenReferences() {
        Manifests broken = broken("prod", m -> {
            m.get("KafkaTopic", "features-ready").with("spec").remove("partitions");
            m.get("KafkaTopic", "models-promoted").with("spec").put("replicas", 4);
            ((ArrayNode) m.get("KafkaNodePool", "combined").at("/spec/roles")).add("zookeeper");
            m.get("Kafka", "pipeline").with("spec").remove("entityOperator");
            m.get("Kafka", "pipeline").with("metadata").with("annotations").remove("strimzi.io/kraft");
            m.get("Cluster", "pipeline-db").with("spec").remove("instances");
            m.get("Database", "pipeline-db-schemaregistry").with("spec").with("cluster").put("name", "elsewhere");
            m.get("ServiceMonitor", "pipeline-services").with("spec").with("selector").with("matchLabels").put("app.kubernetes.io/component", "nothing");
            m.get("ScaledObject", "trainer").with("spec").with("scaleTargetRef").put("name", "trainers");
            ((ObjectNode) m.get("ScaledObject", "evaluator").at("/spec/triggers/0/metadata")).remove("consumerGroup");
        });
        List<String> problems = CustomResourceCheck.problems(broken);
        expect(problems, "KafkaTopic features-ready needs partitions as a whole number of at least 1");
        expect(problems, "KafkaTopic models-promoted wants 4 replicas but the cluster has 3 brokers");
        expect(problems, "KafkaNodePool combined has role 'zookeeper'");
        expect(problems, "Kafka pipeline has no spec.entityOperator.topicOperator");
        expect(problems, "Kafka pipeline needs the annotation strimzi.io/kraft: enabled");
        expect(problems, "Cluster pipeline-db needs instances");
        expect(problems, "Database pipeline-db-schemaregistry names cluster 'elsewhere'");
        expect(problems, "ServiceMonitor pipeline-services selects no Service");
        expect(problems, "ScaledObject trainer scales 'trainers'");
        expect(problems, "ScaledObject evaluator lacks consumerGroup");
    }

    @Test
    void theWiringCheckFindsMissingKeysWrongPortsAndLeakedCredentials() {
        Manifests broken = broken("dev", m -> {
            m.get("ConfigMap", "pipeline-connections").with("data").remove("PIPELINE_S3_ENDPOINT");
            m.get("ConfigMap", "pipeline-connections").with("data").put("MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_APICURIO_REGISTRY_URL",
                    "http://schema-registry:8080/apis/ccompat/v7");
            m.get("ConfigMap", "pipeline-connections").with("data").put("MP_JWT_VERIFY_ISSUER", "someone-else");
            m.get("ConfigMap", "pipeline-connections").with("data").put("PIPELINE_SERVICES_REGISTRY_URL", "http://registry:8080");
            env(m, "features", "QUARKUS_HTTP_PORT").put("value", "8080");
            ((ObjectNode) m.get("Deployment", "trainer").at("/spec/template/spec/containers/0/readinessProbe/httpGet")).put("path", "/health");
            ((ObjectNode) m.get("Deployment", "evaluator").at("/spec/template/spec/containers/0/livenessProbe/httpGet")).put("port", 8080);
            ((ObjectNode) m.get("Service", "validate").at("/spec/ports/0")).put("port", 80);
            ObjectNode s3Key = env(m, "ingest", "PIPELINE_S3_SECRET_KEY");
            s3Key.remove("valueFrom");
            s3Key.put("value", "pipeline-secret");
            ((ArrayNode) m.get("Deployment", "ingest").at("/spec/template/spec/containers/0/env")).addObject()
                    .put("name", "PIPELINE_POSTGRES_PASSWORD").put("value", "x");
            ((ObjectNode) env(m, "registry", "PIPELINE_POSTGRES_USER").at("/valueFrom/secretKeyRef")).put("name", "my-secret");
            ((ObjectNode) m.get("Deployment", "registry").at("/spec/template/spec/containers/0/volumeMounts/0")).put("mountPath", "/keys");
            ((ObjectNode) m.get("Deployment", "features").at("/spec/template/spec/containers/0/envFrom/1/configMapRef")).remove("optional");
            ((ObjectNode) m.get("Deployment", "ingest").at("/spec/template/spec/containers/0")).put("image", "ml-pipeline/validate:1");
        });
        List<String> problems = wiring.problems(broken);
        expect(problems, "Deployment ingest lacks PIPELINE_S3_ENDPOINT (pipeline.s3.endpoint, from StackConfig)");
        expect(problems, "MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_APICURIO_REGISTRY_URL=http://schema-registry:8080/apis/ccompat/v7 must be http://<host>:<port>/apis/registry/v3");
        expect(problems, "MP_JWT_VERIFY_ISSUER=someone-else, the services expect ml-pipeline");
        expect(problems, "PIPELINE_SERVICES_REGISTRY_URL=http://registry:8080 names no Service of the manifests on that port");
        expect(problems, "Deployment features must set QUARKUS_HTTP_PORT=18103");
        expect(problems, "Deployment trainer readinessProbe must ask /q/health/ready");
        expect(problems, "Deployment evaluator livenessProbe asks port 8080, the service listens on 18105");
        expect(problems, "Service validate must serve port 18102");
        expect(problems, "Deployment ingest gives PIPELINE_S3_SECRET_KEY (pipeline.s3.secret-key) as plain text");
        expect(problems, "Deployment ingest is given PIPELINE_POSTGRES_PASSWORD (pipeline.postgres.password), which only services that read it should get");
        expect(problems, "Deployment registry reads PIPELINE_POSTGRES_USER from Secret my-secret/username");
        expect(problems, "Deployment registry MP_JWT_VERIFY_PUBLICKEY_LOCATION=/etc/pipeline/auth/verify-key.pem must be a file verify-key.pem of a mounted Secret volume");
        expect(problems, "Deployment features must read the optional ConfigMap pipeline-tracing (envFrom, optional: true)");
        expect(problems, "Deployment ingest runs image ml-pipeline/validate:1, not the ingest image");
    }

    @Test
    void theWiringCheckFindsTopicsAndAutoscalingThatDisagreeWithTheCode() {
        Manifests broken = broken("prod", m -> {
            m.get("KafkaTopic", "features-ready").with("spec").put("partitions", 1);
            m.get("KafkaTopic", "models-promoted-dlq").with("spec").with("config").put("retention.ms", "-1");
            m.objects().remove(m.get("KafkaTopic", "telemetry-spans"));
            ObjectNode extra = m.get("KafkaTopic", "runs-cancelled").deepCopy();
            extra.with("metadata").put("name", "runs-restarted");
            extra.with("spec").put("topicName", "runs.restarted");
            m.objects().add(extra);
            m.get("ScaledObject", "trainer").with("spec").put("maxReplicaCount", 7);
            ((ObjectNode) m.get("ScaledObject", "trainer").at("/spec/triggers/0/metadata")).put("consumerGroup", "trainers");
            ((ObjectNode) m.get("ScaledObject", "evaluator").at("/spec/triggers/0/metadata")).put("topic", "models.evaluated");
            env(m, "s3-buckets", "BUCKETS", "Job").put("value", "datasets,models");
            env(m, "kafka-ui", "KAFKA_CLUSTERS_0_SCHEMAREGISTRY").put("value", "http://schema-registry:8080/apis/registry/v3");
        });
        List<String> problems = wiring.problems(broken);
        expect(problems, "KafkaTopic features.ready has 1 partitions, the stack 6 (stack.topics.partitions)");
        expect(problems, "KafkaTopic models.promoted.dlq keeps records retention.ms=-1, the stack 2592000000");
        expect(problems, "no KafkaTopic for [telemetry.spans]");
        expect(problems, "KafkaTopic runs.restarted is no topic of Topic");
        expect(problems, "ScaledObject trainer allows 7 replicas of trainer: a topic has 6 partitions");
        expect(problems, "ScaledObject trainer watches consumer group 'trainers', trainer reads features.ready in group 'trainer'");
        expect(problems, "ScaledObject evaluator watches topic 'models.evaluated', which evaluator does not read");
        expect(problems, "Job s3-buckets creates buckets datasets,models, the stack [datasets, specs, features, models]");
        expect(problems, "kafka-ui must read schemas from the registry's Confluent-compatible API (<service>/apis/ccompat/v7)");
    }

    private static Manifests broken(String overlay, Consumer<Manifests> breakIt) {
        Manifests copy = Overlays.rendered(overlay).copy();
        Manifests mutable = new Manifests(copy.name(), new java.util.ArrayList<>(copy.objects()));
        breakIt.accept(mutable);
        return mutable;
    }

    private static ObjectNode env(Manifests m, String deployment, String name) {
        return env(m, deployment, name, "Deployment");
    }

    private static ObjectNode env(Manifests m, String owner, String name, String kind) {
        for (JsonNode e : m.get(kind, owner).at("/spec/template/spec/containers/0/env")) {
            if (name.equals(e.path("name").asText())) {
                return (ObjectNode) e;
            }
        }
        throw new IllegalArgumentException(kind + " " + owner + " has no env " + name);
    }

    private static void expect(List<String> problems, String fragment) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(fragment)), "no problem says '" + fragment + "'; they were:\n"
                + String.join("\n", problems));
    }
}

package ml.pipeline.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The manifests against what the code reads ({@link ProjectFacts}): every key the stack gives a
 * service is given to it in the cluster too (as its environment variable), credentials from
 * Secrets, addresses that point at a Service of the manifests on one of its ports and with the path
 * the stack uses; each service's port, probes, Service and metrics on its port of stack-defaults;
 * the topics of Topic with the stack's partitions and retention; KEDA's consumer groups and topics
 * as the services name them; the buckets the stack creates.
 */
final class WiringCheck {
    private static final Set<String> CREDENTIAL_KEYS = Set.of("pipeline.s3.access-key", "pipeline.s3.secret-key",
            "pipeline.postgres.user", "pipeline.postgres.password");

    static final String TRACING_CONFIG_MAP = "pipeline-tracing";

    private final ProjectFacts facts;

    WiringCheck(ProjectFacts facts) {
        this.facts = facts;
    }

    /** Where one environment variable of a container comes from. */
    record Source(String value, String secret, String secretKey) {
        boolean fromSecret() {
            return secret != null;
        }
    }

    List<String> problems(Manifests m) {
        List<String> problems = new ArrayList<>();
        String bootstrap = null;
        for (String service : facts.services()) {
            Optional<ObjectNode> deployment = m.find("Deployment", service);
            if (deployment.isEmpty()) {
                problems.add(m.name() + ": no Deployment " + service);
                continue;
            }
            String where = m.name() + ": Deployment " + service;
            JsonNode container = container(deployment.get(), service);
            Map<String, Source> env = environment(m, deployment.get(), container, problems, where);
            checkImage(service, container, problems, where);
            checkTracing(container, problems, where);
            checkPorts(m, service, deployment.get(), container, env, problems, where);
            Map<String, String> expected = new LinkedHashMap<>(facts.connectionSettings());
            expected.putAll(facts.serviceLinks());
            for (var setting : expected.entrySet()) {
                String key = setting.getKey();
                String name = ProjectFacts.environmentName(key);
                Source source = env.get(name);
                if (!facts.needs(service, key)) {
                    if (source != null) {
                        problems.add(where + " is given " + name + " (" + key + "), which only services that read it should get");
                    }
                    continue;
                }
                if (source == null) {
                    problems.add(where + " lacks " + name + " (" + key + ", from StackConfig)");
                    continue;
                }
                checkValue(m, deployment.get(), container, key, name, setting.getValue(), source, problems, where);
                if (key.equals("kafka.bootstrap.servers") && source.value() != null) {
                    bootstrap = source.value();
                }
            }
        }
        checkTopics(m, problems);
        checkScaledObjects(m, bootstrap, problems);
        checkBuckets(m, problems);
        checkKafkaUi(m, bootstrap, problems);
        return problems;
    }

    private static JsonNode container(ObjectNode deployment, String name) {
        for (JsonNode c : deployment.at("/spec/template/spec/containers")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        return deployment.at("/spec/template/spec/containers/0");
    }

    /** The container's environment: env entries, then envFrom ConfigMaps of the manifests (env wins, as in Kubernetes). */
    static Map<String, Source> environment(Manifests m, ObjectNode deployment, JsonNode container, List<String> problems, String where) {
        Map<String, Source> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String name = from.at("/configMapRef/name").asText();
            if (name.isEmpty()) {
                continue;
            }
            Optional<ObjectNode> map = m.find("ConfigMap", name);
            if (map.isEmpty()) {
                if (!from.at("/configMapRef/optional").asBoolean(false)) {
                    problems.add(where + " reads ConfigMap " + name + " (envFrom), which is not in the manifests");
                }
                continue;
            }
            map.get().path("data").properties().forEach(e -> env.put(e.getKey(), new Source(e.getValue().asText(), null, null)));
        }
        for (JsonNode e : container.path("env")) {
            JsonNode secret = e.at("/valueFrom/secretKeyRef");
            if (secret.isObject()) {
                env.put(e.path("name").asText(), new Source(null, secret.path("name").asText(), secret.path("key").asText()));
            } else {
                env.put(e.path("name").asText(), new Source(e.path("value").asText(null), null, null));
            }
        }
        return env;
    }

    private void checkImage(String service, JsonNode container, List<String> problems, String where) {
        String image = container.path("image").asText();
        String repository = image.replaceFirst("@.*$", "").replaceFirst(":[^:/]*$", "");
        if (!repository.endsWith("/" + service)) {
            problems.add(where + " runs image " + image + ", not the " + service + " image (ml-pipeline/" + service + ")");
        }
        if (!Files.isRegularFile(facts.checkout().resolve("services/" + service + "/src/main/docker/Dockerfile.jvm"))) {
            problems.add(where + ": services/" + service + "/src/main/docker/Dockerfile.jvm, which builds its image, is missing");
        }
    }

    /**
     * pipeline.tracing.otlp-endpoint is optional: the services read it from the ConfigMap
     * pipeline-tracing when someone creates it (k8s/README.md), so the reference must be optional.
     */
    private static void checkTracing(JsonNode container, List<String> problems, String where) {
        boolean wired = false;
        for (JsonNode from : container.path("envFrom")) {
            wired |= TRACING_CONFIG_MAP.equals(from.at("/configMapRef/name").asText()) && from.at("/configMapRef/optional").asBoolean(false);
        }
        if (!wired) {
            problems.add(where + " must read the optional ConfigMap " + TRACING_CONFIG_MAP
                    + " (envFrom, optional: true), where PIPELINE_TRACING_OTLP_ENDPOINT (pipeline.tracing.otlp-endpoint) is set");
        }
    }

    private void checkPorts(Manifests m, String service, ObjectNode deployment, JsonNode container, Map<String, Source> env,
            List<String> problems, String where) {
        int port = facts.port(service);
        Source httpPort = env.get("QUARKUS_HTTP_PORT");
        if (httpPort == null || !String.valueOf(port).equals(httpPort.value())) {
            problems.add(where + " must set QUARKUS_HTTP_PORT=" + port + " (services." + service + ".port), has "
                    + (httpPort == null ? "none" : httpPort.value()));
        }
        String portName = null;
        for (JsonNode p : container.path("ports")) {
            if (p.path("containerPort").asInt() == port) {
                portName = p.path("name").asText(null);
            }
        }
        if (portName == null && container.path("ports").findValues("containerPort").stream().noneMatch(p -> p.asInt() == port)) {
            problems.add(where + " declares no containerPort " + port + " (services." + service + ".port)");
        }
        for (var probe : Map.of("readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live").entrySet()) {
            JsonNode get = container.path(probe.getKey()).path("httpGet");
            if (!probe.getValue().equals(get.path("path").asText())) {
                problems.add(where + " " + probe.getKey() + " must ask " + probe.getValue() + ", asks '" + get.path("path").asText() + "'");
            }
            if (!onPort(get.path("port"), port, portName)) {
                problems.add(where + " " + probe.getKey() + " asks port " + get.path("port") + ", the service listens on " + port);
            }
        }
        String annotated = deployment.at("/spec/template/metadata/annotations/prometheus.io~1port").asText();
        if (!annotated.equals(String.valueOf(port))
                || !"/q/metrics".equals(deployment.at("/spec/template/metadata/annotations/prometheus.io~1path").asText())) {
            problems.add(where + " must annotate its metrics as prometheus.io/path /q/metrics on prometheus.io/port " + port);
        }
        Optional<ObjectNode> svc = m.find("Service", service);
        if (svc.isEmpty()) {
            problems.add(m.name() + ": no Service " + service);
            return;
        }
        boolean served = false;
        for (JsonNode p : svc.get().at("/spec/ports")) {
            served |= p.path("port").asInt() == port && onPort(p.path("targetPort"), port, portName);
        }
        if (!served) {
            problems.add(m.name() + ": Service " + service + " must serve port " + port + " to the container's port " + port);
        }
        if (!CustomResourceCheck.matches(svc.get().at("/spec/selector"), deployment.at("/spec/template/metadata/labels"))) {
            problems.add(m.name() + ": Service " + service + " selects no pod of Deployment " + service);
        }
    }

    private static boolean onPort(JsonNode reference, int port, String portName) {
        return reference.isMissingNode() ? false
                : reference.isNumber() ? reference.asInt() == port : portName != null && portName.equals(reference.asText());
    }

    private void checkValue(Manifests m, ObjectNode deployment, JsonNode container, String key, String name, String stackValue,
            Source source, List<String> problems, String where) {
        if (CREDENTIAL_KEYS.contains(key)) {
            if (!source.fromSecret()) {
                problems.add(where + " gives " + name + " (" + key + ") as plain text: credentials come from a Secret");
            } else if (key.startsWith("pipeline.postgres.")) {
                // CloudNativePG writes the owner's credentials to <cluster>-app.
                boolean cnpg = m.ofKind("Cluster").stream().anyMatch(c -> (Manifests.nameOf(c) + "-app").equals(source.secret()));
                String wantedKey = key.endsWith(".user") ? "username" : "password";
                if (!cnpg || !wantedKey.equals(source.secretKey())) {
                    problems.add(where + " reads " + name + " from Secret " + source.secret() + "/" + source.secretKey()
                            + ": the database's credentials are in <cluster>-app/" + wantedKey + " (CloudNativePG)");
                }
            }
            return;
        }
        if (source.value() == null) {
            problems.add(where + " has no value for " + name + " (" + key + ")");
            return;
        }
        String value = source.value();
        if (key.equals("mp.jwt.verify.publickey.location")) {
            checkKeyFile(deployment, container, name, stackValue, value, problems, where);
        } else if (key.equals("kafka.bootstrap.servers")) {
            List<String> bootstraps = m.ofKind("Kafka").stream().flatMap(k -> listeners(k).stream()).toList();
            if (!bootstraps.contains(value)) {
                problems.add(where + " " + name + "=" + value + " is not a Kafka bootstrap address of the manifests " + bootstraps);
            }
        } else if (stackValue.matches("^[a-z]+://.*")) {
            URI wanted = URI.create(stackValue);
            URI got = URI.create(value);
            if (!wanted.getScheme().equals(got.getScheme()) || !wanted.getPath().equals(got.getPath())) {
                problems.add(where + " " + name + "=" + value + " must be " + wanted.getScheme() + "://<host>:<port>" + wanted.getPath()
                        + " as the stack's " + stackValue);
            }
            if (!reachable(m, got)) {
                problems.add(where + " " + name + "=" + value + " names no Service of the manifests on that port");
            }
        } else if (!stackValue.equals(value)) {
            problems.add(where + " " + name + "=" + value + ", the services expect " + stackValue + " (StackConfig)");
        }
    }

    /** The public key must be a file of a Secret volume, with the file name the stack writes. */
    private static void checkKeyFile(ObjectNode deployment, JsonNode container, String name, String stackValue, String value,
            List<String> problems, String where) {
        String file = stackValue.substring(stackValue.lastIndexOf('/') + 1);
        boolean mounted = false;
        for (JsonNode mount : container.path("volumeMounts")) {
            for (JsonNode volume : deployment.at("/spec/template/spec/volumes")) {
                if (!volume.path("name").asText().equals(mount.path("name").asText()) || !volume.path("secret").isObject()) {
                    continue;
                }
                for (JsonNode item : volume.at("/secret/items")) {
                    mounted |= value.equals(mount.path("mountPath").asText() + "/" + item.path("path").asText());
                }
            }
        }
        if (!mounted || !value.endsWith("/" + file)) {
            problems.add(where + " " + name + "=" + value + " must be a file " + file + " of a mounted Secret volume");
        }
    }

    private static List<String> listeners(JsonNode kafka) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
            if ("internal".equals(listener.path("type").asText())) {
                addresses.add(Manifests.nameOf(kafka) + "-kafka-bootstrap:" + listener.path("port").asInt());
            }
        }
        return addresses;
    }

    /** host:port is a Service of the manifests on one of its ports, or a CloudNativePG cluster's -rw/-ro/-r Service on 5432. */
    private static boolean reachable(Manifests m, URI uri) {
        String host = uri.getHost();
        int port = uri.getPort();
        if (host == null || port < 0) {
            return false;
        }
        String service = host.split("\\.")[0];
        for (ObjectNode cluster : m.ofKind("Cluster")) {
            for (String suffix : List.of("-rw", "-ro", "-r")) {
                if (service.equals(Manifests.nameOf(cluster) + suffix) && port == 5432) {
                    return true;
                }
            }
        }
        return m.find("Service", service).map(s -> s.at("/spec/ports").findValues("port").stream().anyMatch(p -> p.asInt() == port))
                .orElse(false);
    }

    private void checkTopics(Manifests m, List<String> problems) {
        Map<String, String> expected = facts.topicRetention();
        Set<String> seen = new TreeSet<>();
        for (ObjectNode topic : m.ofKind("KafkaTopic")) {
            String name = topic.at("/spec/topicName").asText(Manifests.nameOf(topic));
            if (name.isEmpty()) {
                name = Manifests.nameOf(topic);
            }
            seen.add(name);
            if (!expected.containsKey(name)) {
                problems.add(m.name() + ": KafkaTopic " + name + " is no topic of Topic (nor a dead-letter topic, nor the spans topic)");
                continue;
            }
            if (topic.at("/spec/partitions").asInt() != facts.partitions()) {
                problems.add(m.name() + ": KafkaTopic " + name + " has " + topic.at("/spec/partitions") + " partitions, the stack "
                        + facts.partitions() + " (stack.topics.partitions)");
            }
            String retention = topic.at("/spec/config/retention.ms").asText();
            if (!expected.get(name).equals(retention)) {
                problems.add(m.name() + ": KafkaTopic " + name + " keeps records retention.ms=" + retention + ", the stack "
                        + expected.get(name));
            }
        }
        Set<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(seen);
        if (!missing.isEmpty()) {
            problems.add(m.name() + ": no KafkaTopic for " + missing);
        }
        for (String service : facts.services()) {
            for (String dlq : facts.deadLetterTopics(service)) {
                if (!seen.contains(dlq)) {
                    problems.add(m.name() + ": " + service + " sends poison records to " + dlq + ", which has no KafkaTopic");
                }
            }
        }
    }

    private void checkScaledObjects(Manifests m, String bootstrap, List<String> problems) {
        for (ObjectNode scaled : m.ofKind("ScaledObject")) {
            String where = m.name() + ": ScaledObject " + Manifests.nameOf(scaled);
            String target = scaled.at("/spec/scaleTargetRef/name").asText();
            if (!facts.services().contains(target)) {
                continue;
            }
            if (scaled.at("/spec/maxReplicaCount").asInt(100) > facts.partitions()) {
                problems.add(where + " allows " + scaled.at("/spec/maxReplicaCount").asInt(100) + " replicas of " + target
                        + ": a topic has " + facts.partitions() + " partitions, so the others would get none");
            }
            for (JsonNode trigger : scaled.at("/spec/triggers")) {
                if (!"kafka".equals(trigger.path("type").asText())) {
                    continue;
                }
                JsonNode meta = trigger.path("metadata");
                String topic = meta.path("topic").asText();
                if (!facts.incomingTopics(target).contains(topic)) {
                    problems.add(where + " watches topic '" + topic + "', which " + target + " does not read " + facts.incomingTopics(target));
                }
                String group = facts.consumerGroup(target, topic);
                if (!group.equals(meta.path("consumerGroup").asText())) {
                    problems.add(where + " watches consumer group '" + meta.path("consumerGroup").asText() + "', " + target
                            + " reads " + topic + " in group '" + group + "'");
                }
                if (bootstrap != null && !bootstrap.equals(meta.path("bootstrapServers").asText())) {
                    problems.add(where + " asks Kafka at " + meta.path("bootstrapServers").asText() + ", the services use " + bootstrap);
                }
            }
        }
    }

    private void checkBuckets(Manifests m, List<String> problems) {
        List<ObjectNode> jobs = m.ofKind("Job").stream().filter(j -> j.at("/spec/template/spec/containers").findValues("name").stream()
                .anyMatch(n -> n.asText().equals("create-buckets"))).toList();
        if (jobs.isEmpty()) {
            problems.add(m.name() + ": no Job creates the buckets (container create-buckets)");
        }
        for (ObjectNode job : jobs) {
            for (JsonNode e : job.at("/spec/template/spec/containers/0/env")) {
                if ("BUCKETS".equals(e.path("name").asText()) && !List.of(e.path("value").asText().split(",")).equals(facts.buckets())) {
                    problems.add(m.name() + ": Job " + Manifests.nameOf(job) + " creates buckets " + e.path("value").asText()
                            + ", the stack " + facts.buckets() + " (stack.s3.buckets)");
                }
            }
        }
    }

    private void checkKafkaUi(Manifests m, String bootstrap, List<String> problems) {
        Optional<ObjectNode> ui = m.find("Deployment", "kafka-ui");
        if (ui.isEmpty()) {
            problems.add(m.name() + ": no Deployment kafka-ui");
            return;
        }
        Map<String, Source> env = environment(m, ui.get(), ui.get().at("/spec/template/spec/containers/0"), problems, "kafka-ui");
        String ccompat = URI.create(facts.connectionSettings().get("pipeline.schema-registry.ccompat-url")).getPath();
        Source registry = env.get("KAFKA_CLUSTERS_0_SCHEMAREGISTRY");
        if (registry == null || registry.value() == null || !URI.create(registry.value()).getPath().equals(ccompat)
                || !reachable(m, URI.create(registry.value()))) {
            problems.add(m.name() + ": kafka-ui must read schemas from the registry's Confluent-compatible API (<service>" + ccompat
                    + "), has " + (registry == null ? "none" : registry.value()));
        }
        Source servers = env.get("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS");
        if (bootstrap != null && (servers == null || !bootstrap.equals(servers.value()))) {
            problems.add(m.name() + ": kafka-ui must connect to " + bootstrap + ", has " + (servers == null ? "none" : servers.value()));
        }
    }
}

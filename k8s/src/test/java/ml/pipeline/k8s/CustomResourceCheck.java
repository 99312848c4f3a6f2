package ml.pipeline.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The custom resources' required fields, as their operators' CRDs require them (Strimzi 0.48+,
 * CloudNativePG 1.25+, Prometheus Operator, KEDA 2): no CRD schemas are available offline, so the
 * fields that make each resource do anything at all are checked by hand, with the references
 * between resources (a topic's cluster, a ScaledObject's Deployment, a ServiceMonitor's Services).
 */
final class CustomResourceCheck {
    static final Set<String> KINDS = Set.of(
            "kafka.strimzi.io/v1beta2 Kafka", "kafka.strimzi.io/v1beta2 KafkaNodePool", "kafka.strimzi.io/v1beta2 KafkaTopic",
            "postgresql.cnpg.io/v1 Cluster", "postgresql.cnpg.io/v1 Database",
            "monitoring.coreos.com/v1 ServiceMonitor", "keda.sh/v1alpha1 ScaledObject");
    private static final Set<String> ROLES = Set.of("controller", "broker");

    private CustomResourceCheck() {
    }

    static List<String> problems(Manifests m) {
        List<String> problems = new ArrayList<>();
        Reporter r = new Reporter(m.name(), problems);
        for (ObjectNode kafka : m.ofKind("Kafka")) {
            r.annotation(kafka, "strimzi.io/node-pools", "enabled");
            r.annotation(kafka, "strimzi.io/kraft", "enabled");
            if (kafka.at("/spec/zookeeper").isObject()) {
                r.say(kafka, "has spec.zookeeper: KRaft clusters have none");
            }
            JsonNode listeners = r.nonEmptyArray(kafka, "/spec/kafka/listeners");
            for (JsonNode listener : listeners) {
                r.text(kafka, listener, "name");
                r.positiveInt(kafka, listener, "port");
                r.text(kafka, listener, "type");
                if (!listener.path("tls").isBoolean()) {
                    r.say(kafka, "listener " + listener.path("name").asText() + " lacks tls (true or false)");
                }
            }
            if (!kafka.at("/spec/entityOperator/topicOperator").isObject()) {
                r.say(kafka, "has no spec.entityOperator.topicOperator: its KafkaTopics would never be created");
            }
            List<ObjectNode> pools = m.ofKind("KafkaNodePool").stream()
                    .filter(p -> Manifests.nameOf(kafka).equals(p.at("/metadata/labels/strimzi.io~1cluster").asText())).toList();
            if (pools.stream().noneMatch(p -> roles(p).contains("controller")) || pools.stream().noneMatch(p -> roles(p).contains("broker"))) {
                r.say(kafka, "needs KafkaNodePools (label strimzi.io/cluster: " + Manifests.nameOf(kafka) + ") with the controller and broker roles");
            }
        }
        for (ObjectNode pool : m.ofKind("KafkaNodePool")) {
            r.clusterLabel(m, pool);
            r.positiveInt(pool, pool.path("spec"), "replicas");
            JsonNode roles = r.nonEmptyArray(pool, "/spec/roles");
            roles.forEach(role -> {
                if (!ROLES.contains(role.asText())) {
                    r.say(pool, "has role '" + role.asText() + "': roles are controller and broker");
                }
            });
            r.text(pool, pool.at("/spec/storage"), "type");
        }
        int brokers = m.ofKind("KafkaNodePool").stream().filter(p -> roles(p).contains("broker"))
                .mapToInt(p -> p.at("/spec/replicas").asInt()).sum();
        for (ObjectNode topic : m.ofKind("KafkaTopic")) {
            r.clusterLabel(m, topic);
            r.positiveInt(topic, topic.path("spec"), "partitions");
            r.positiveInt(topic, topic.path("spec"), "replicas");
            if (topic.at("/spec/replicas").asInt() > brokers) {
                r.say(topic, "wants " + topic.at("/spec/replicas").asInt() + " replicas but the cluster has " + brokers + " brokers");
            }
        }
        for (ObjectNode cluster : m.ofKind("Cluster")) {
            r.positiveInt(cluster, cluster.path("spec"), "instances");
            r.text(cluster, cluster.at("/spec/storage"), "size");
        }
        for (ObjectNode database : m.ofKind("Database")) {
            r.text(database, database.path("spec"), "name");
            r.text(database, database.path("spec"), "owner");
            String cluster = database.at("/spec/cluster/name").asText();
            if (m.find("Cluster", cluster).isEmpty()) {
                r.say(database, "names cluster '" + cluster + "' (spec.cluster.name), which is not in the manifests");
            }
        }
        for (ObjectNode monitor : m.ofKind("ServiceMonitor")) {
            JsonNode labels = monitor.at("/spec/selector/matchLabels");
            if (!labels.isObject() || labels.isEmpty()) {
                r.say(monitor, "has no spec.selector.matchLabels");
            }
            long selected = m.ofKind("Service").stream().filter(s -> matches(labels, s.at("/metadata/labels"))).count();
            if (selected == 0) {
                r.say(monitor, "selects no Service (spec.selector.matchLabels " + labels + ")");
            }
            for (JsonNode endpoint : r.nonEmptyArray(monitor, "/spec/endpoints")) {
                if (endpoint.path("port").asText().isEmpty() && endpoint.path("targetPort").asText().isEmpty()) {
                    r.say(monitor, "has an endpoint with neither port nor targetPort");
                }
            }
        }
        for (ObjectNode scaled : m.ofKind("ScaledObject")) {
            String target = scaled.at("/spec/scaleTargetRef/name").asText();
            if (m.find("Deployment", target).isEmpty()) {
                r.say(scaled, "scales '" + target + "' (spec.scaleTargetRef.name), which is no Deployment in the manifests");
            }
            for (JsonNode trigger : r.nonEmptyArray(scaled, "/spec/triggers")) {
                r.text(scaled, trigger, "type");
                if ("kafka".equals(trigger.path("type").asText())) {
                    for (String field : List.of("bootstrapServers", "consumerGroup", "lagThreshold")) {
                        r.text(scaled, trigger.path("metadata"), field);
                    }
                }
            }
            if (scaled.at("/spec/maxReplicaCount").asInt(100) < scaled.at("/spec/minReplicaCount").asInt(0)) {
                r.say(scaled, "has maxReplicaCount below minReplicaCount");
            }
        }
        return problems;
    }

    private static Set<String> roles(JsonNode pool) {
        Set<String> roles = new java.util.HashSet<>();
        pool.at("/spec/roles").forEach(role -> roles.add(role.asText()));
        return roles;
    }

    static boolean matches(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        for (var entry : selector.properties()) {
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    /** Collects problems, each naming the overlay, the object and the field. */
    private record Reporter(String overlay, List<String> problems) {
        void say(JsonNode object, String problem) {
            problems.add(overlay + ": " + Manifests.describe(object) + " " + problem);
        }

        void text(JsonNode object, JsonNode parent, String field) {
            if (!parent.path(field).isValueNode() || parent.path(field).asText().isBlank()) {
                say(object, "lacks " + field);
            }
        }

        void positiveInt(JsonNode object, JsonNode parent, String field) {
            if (!parent.path(field).isIntegralNumber() || parent.path(field).asInt() < 1) {
                say(object, "needs " + field + " as a whole number of at least 1, has " + parent.path(field));
            }
        }

        JsonNode nonEmptyArray(JsonNode object, String pointer) {
            JsonNode array = object.at(pointer);
            if (!array.isArray() || array.isEmpty()) {
                say(object, "lacks " + pointer.substring(1).replace('/', '.') + " (a non-empty list)");
                return Manifests.JSON.createArrayNode();
            }
            return array;
        }

        void annotation(JsonNode object, String key, String value) {
            if (!value.equals(object.path("metadata").path("annotations").path(key).asText())) {
                say(object, "needs the annotation " + key + ": " + value);
            }
        }

        void clusterLabel(Manifests m, JsonNode object) {
            String cluster = object.at("/metadata/labels/strimzi.io~1cluster").asText();
            if (m.find("Kafka", cluster).isEmpty()) {
                say(object, "has label strimzi.io/cluster '" + cluster + "', which names no Kafka in the manifests");
            }
        }
    }
}

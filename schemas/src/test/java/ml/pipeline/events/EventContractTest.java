package ml.pipeline.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class EventContractTest {

    @Test
    void everyEventStartsWithTheSharedMetaRecord() {
        for (Topic topic : Topic.values()) {
            Schema.Field first = topic.schema().getFields().get(0);
            assertEquals("meta", first.name(), topic + " must start with meta");
            assertEquals(EventMeta.getClassSchema(), first.schema(), topic + " meta must be EventMeta");
        }
    }

    @Test
    void everyRecordAndFieldIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            collectUndocumented(topic.schema(), new HashSet<>(), undocumented);
        }
        assertTrue(undocumented.isEmpty(), "missing doc strings: " + undocumented);
    }

    @Test
    void timestampsUseALogicalType() {
        Schema occurredAt = EventMeta.getClassSchema().getField("occurredAt").schema();
        assertEquals(LogicalTypes.timestampMillis(), occurredAt.getLogicalType());
    }

    @Test
    void subjectsFollowTheTopicNameStrategy() {
        assertEquals("datasets.published-value", Topic.DATASETS_PUBLISHED.valueSubject());
        assertEquals("models.promoted.dlq", Topic.MODELS_PROMOTED.deadLetterTopic());
        assertEquals(Topic.values().length, new HashSet<>(Topic.allTopicNames()).size(), "topic names are unique");
        assertEquals(Topic.FEATURES_READY, Topic.byName("features.ready").orElseThrow());
        assertFalse(Topic.byName("no.such.topic").isPresent());
    }

    @Test
    void eventsAreKeyedByPipeline() {
        EventMeta meta = EventMeta.newBuilder().setEventId("e").setPipeline("churn").setRunId("r")
                .setOccurredAt(Instant.EPOCH).setProducer("test").setProducerVersion("0").build();
        assertEquals("churn", EventKeys.of(meta));
    }

    private static void collectUndocumented(Schema schema, Set<String> seen, List<String> out) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                if (isBlank(schema.getDoc())) {
                    out.add(schema.getFullName());
                }
                for (Schema.Field field : schema.getFields()) {
                    if (isBlank(field.doc())) {
                        out.add(schema.getName() + "." + field.name());
                    }
                    collectUndocumented(field.schema(), seen, out);
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collectUndocumented(t, seen, out));
            case ARRAY -> collectUndocumented(schema.getElementType(), seen, out);
            case MAP -> collectUndocumented(schema.getValueType(), seen, out);
            default -> { }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}

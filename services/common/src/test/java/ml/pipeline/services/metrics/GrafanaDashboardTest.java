package ml.pipeline.services.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** monitoring/grafana-dashboard.json draws every meter PipelineMetrics defines, by its Prometheus name. */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("../../monitoring/grafana-dashboard.json");

    @Test
    void everyPipelineMeterHasAPanel() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        StringBuilder queries = new StringBuilder();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> queries.append(t.path("expr").asText())
                .append('\n')));
        for (Field field : PipelineMetrics.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String prometheus = ((String) field.get(null)).replace('.', '_');
                assertTrue(queries.toString().contains(prometheus), "no panel queries " + prometheus);
            }
        }
    }
}

package ml.pipeline.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceReplicasTest {
    @Test
    void countsTheServicesNamedAndNothingElse() {
        assertEquals(Map.of("trainer", 2, "evaluator", 3), ServiceReplicas.parse("trainer=2, evaluator=3", LocalServices.NAMES));
        assertEquals(Map.of(), ServiceReplicas.parse(null, LocalServices.NAMES));
        assertEquals(Map.of(), ServiceReplicas.parse(" ", LocalServices.NAMES));
    }

    @Test
    void everyBadItemIsNamed() {
        for (List<String> bad : List.of(
                List.of("trainer", "'trainer' is not NAME=COUNT"),
                List.of("trainr=2", "no service named 'trainr'"),
                List.of("trainer=two", "'two', not a number"),
                List.of("trainer=0", "out of range 1..9"),
                List.of("trainer=10", "out of range 1..9"),
                List.of("trainer=2,trainer=3", "named twice"))) {
            StackException e = assertThrows(StackException.class, () -> ServiceReplicas.parse(bad.get(0), LocalServices.NAMES));
            assertTrue(e.getMessage().contains(bad.get(1)), bad.get(0) + ": " + e.getMessage());
        }
    }

    @Test
    void aReplicaHasItsOwnNameAndPortAndReadsBack() {
        StackConfig.ServiceSettings services = new StackConfig.ServiceSettings(Map.of("trainer", 18104), "512m");
        ServiceInstance first = new ServiceInstance("trainer", 1);
        ServiceInstance third = new ServiceInstance("trainer", 3);
        assertEquals("trainer", first.name());
        assertEquals(18104, first.port(services));
        assertEquals("trainer-3", third.name());
        assertEquals(18304, third.port(services));
        assertEquals(third, ServiceInstance.ofName("trainer-3"));
        assertEquals(first, ServiceInstance.ofName("trainer"));
        assertEquals(new ServiceInstance("schema-registry", 1), ServiceInstance.ofName("schema-registry"));
        assertThrows(IllegalArgumentException.class, () -> new ServiceInstance("trainer", 10));
    }
}

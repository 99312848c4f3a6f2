package ml.pipeline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ml.pipeline.stack.ComponentStatus;
import ml.pipeline.stack.LocalServices;
import ml.pipeline.stack.LocalStack;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackRuntime;
import ml.pipeline.testing.PipelineStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The six packaged services start as separate processes on their own ports and answer /q/health. */
@ExtendWith(PipelineStackExtension.class)
class ServicesStartTest {

    @Test
    void eachServiceRunsAsItsOwnProcessAndIsHealthy(StackConfig stack) throws Exception {
        StackRuntime runtime = StackRuntime.ofCurrentJvm(StackRuntime.findCheckout());
        LocalServices services = new LocalServices(new LocalStack(stack, runtime, System.out), runtime, System.out);
        try {
            services.up();
            List<ComponentStatus> statuses = services.processes().status();
            assertEquals(LocalServices.NAMES, statuses.stream().map(ComponentStatus::name).toList());
            Set<Long> pids = new HashSet<>();
            Set<String> endpoints = new HashSet<>();
            HttpClient http = HttpClient.newHttpClient();
            for (ComponentStatus service : statuses) {
                assertEquals(ComponentStatus.State.RUNNING, service.state(), service.name());
                pids.add(service.pid().orElseThrow());
                endpoints.add(service.endpoint());
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create(service.endpoint() + "/q/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode(), service.name() + " /q/health");
                assertTrue(health.body().contains("\"UP\""), service.name() + " reports UP: " + health.body());
            }
            assertEquals(LocalServices.NAMES.size(), pids.size(), "one process per service");
            assertEquals(LocalServices.NAMES.size(), endpoints.size(), "one port per service");
        } finally {
            services.down();
        }
        assertTrue(services.processes().status().stream().allMatch(s -> s.state() == ComponentStatus.State.STOPPED),
                "down stops every service");
    }
}

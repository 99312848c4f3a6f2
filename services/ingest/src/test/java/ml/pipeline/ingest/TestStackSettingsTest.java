package ml.pipeline.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.testing.PipelineStackResource;
import ml.pipeline.stack.testing.SharedTestStack;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The Quarkus side of the test harness: a service under test is handed the test stack's settings. */
@QuarkusTest
@WithTestResource(PipelineStackResource.class)
class TestStackSettingsTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaBootstrapServers;

    @ConfigProperty(name = "pipeline.s3.endpoint")
    String s3Endpoint;

    @Test
    void theServiceUnderTestIsWiredToTheTestStack() {
        StackConfig stack = SharedTestStack.ensureRunning();
        assertEquals(stack.kafka().bootstrapServers(), kafkaBootstrapServers);
        assertEquals(stack.s3().endpoint(), s3Endpoint);
        given().get("/q/health/ready").then().statusCode(200);
    }
}

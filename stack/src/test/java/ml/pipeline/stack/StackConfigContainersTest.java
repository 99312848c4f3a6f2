package ml.pipeline.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The settings of a container test stack: its mapped ports and home, the rest as configured. */
class StackConfigContainersTest {
    private final Path checkout = StackRuntime.findCheckout();

    @AfterEach
    void back() {
        StackConfig.useAsTestStack(null);
    }

    @Test
    void theInfrastructureMovesAndEverythingElseStays() {
        StackConfig configured = StackConfig.load(checkout, StackConfig.Profile.TEST);
        Path home = configured.home().resolve("containers");
        StackConfig containers = configured.withInfrastructure(home, 32801, 32802, 32803, 32804,
                "jdbc:postgresql://127.0.0.1:32805/pipeline", 32805);

        Map<String, String> settings = containers.connectionSettings();
        assertEquals("127.0.0.1:32801", settings.get("kafka.bootstrap.servers"));
        assertEquals("http://127.0.0.1:32802/apis/registry/v3", settings.get("mp.messaging.connector.smallrye-kafka.apicurio.registry.url"));
        assertEquals("http://127.0.0.1:32802/apis/ccompat/v7", settings.get("pipeline.schema-registry.ccompat-url"));
        assertEquals(32803, containers.schemaRegistry().managementPort());
        assertEquals("http://127.0.0.1:32804", settings.get("pipeline.s3.endpoint"));
        assertEquals("postgresql://127.0.0.1:32805/pipeline", settings.get("pipeline.postgres.reactive-url"));
        assertEquals(home.resolve("auth").resolve("verify-key.pem").toString(), settings.get("mp.jwt.verify.publickey.location"));
        assertEquals(Optional.of("jdbc:postgresql://127.0.0.1:32805/pipeline"), containers.postgres().externalUrl());

        assertEquals(configured.s3().accessKey(), containers.s3().accessKey());
        assertEquals(configured.s3().buckets(), containers.s3().buckets());
        assertEquals(configured.postgres().user(), containers.postgres().user());
        assertEquals(configured.topics(), containers.topics());
        assertEquals(configured.services(), containers.services());
        assertEquals(configured.serviceLinks(), containers.serviceLinks());
    }

    @Test
    void onceUsedAsTheTestStackTheTestProfileLoadsItAndTheDevProfileDoesNot() {
        StackConfig configured = StackConfig.load(checkout, StackConfig.Profile.TEST);
        StackConfig containers = configured.withInfrastructure(configured.home().resolve("containers"), 32801, 32802,
                32803, 32804, "jdbc:postgresql://127.0.0.1:32805/pipeline", 32805);
        StackConfig.useAsTestStack(containers);
        assertSame(containers, StackConfig.load(checkout, StackConfig.Profile.TEST));
        assertNotEquals(containers.home(), StackConfig.load(checkout, StackConfig.Profile.DEV).home());
        StackConfig.useAsTestStack(null);
        assertEquals(configured, StackConfig.load(checkout, StackConfig.Profile.TEST));
    }
}

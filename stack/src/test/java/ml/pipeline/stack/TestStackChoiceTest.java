package ml.pipeline.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import ml.pipeline.stack.TestStackChoice.Decision;
import ml.pipeline.stack.TestStackChoice.EngineAnswer;
import ml.pipeline.stack.TestStackChoice.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule of PIPELINE_TEST_STACK, for every value, with an engine that answers and one that does not. */
class TestStackChoiceTest {
    private static final Supplier<EngineAnswer> ENGINE = () -> EngineAnswer.answered("unix:///var/run/docker.sock");
    private static final Supplier<EngineAnswer> NO_ENGINE =
            () -> EngineAnswer.silent("unix:///var/run/docker.sock", "no such socket");
    private static final Supplier<EngineAnswer> NOT_TO_BE_ASKED = () -> fail("the engine must not be asked");

    @Test
    void unsetPicksContainersWhenAnEngineAnswersAndSaysSoInOneLine() {
        for (String unset : new String[] {null, "", "  "}) {
            Decision decision = TestStackChoice.decide(unset, ENGINE);
            assertEquals(Kind.CONTAINERS, decision.kind(), "value " + unset);
            String line = decision.notice().orElseThrow();
            assertEquals(1, line.lines().count());
            assertTrue(line.startsWith("test stack: containers (a Docker engine answered at unix:///var/run/docker.sock)"), line);
        }
    }

    @Test
    void unsetFallsBackToEmbeddedWithOneLineSayingWhy() {
        Decision decision = TestStackChoice.decide(null, NO_ENGINE);
        assertEquals(Kind.EMBEDDED, decision.kind());
        assertEquals(Optional.of("test stack: embedded (no Docker engine answered at unix:///var/run/docker.sock:"
                + " no such socket); set PIPELINE_TEST_STACK=containers to require containers"), decision.notice());
    }

    @Test
    void embeddedIsTakenAsItIsWithoutAskingTheEngine() {
        Decision decision = TestStackChoice.decide("embedded", NOT_TO_BE_ASKED);
        assertEquals(new Decision(Kind.EMBEDDED, Optional.empty()), decision);
        assertEquals(Kind.EMBEDDED, TestStackChoice.decide(" embedded ", NOT_TO_BE_ASKED).kind());
    }

    @Test
    void containersForcedNeedsAnEngine() {
        assertEquals(new Decision(Kind.CONTAINERS, Optional.empty()), TestStackChoice.decide("containers", ENGINE));
        StackException e = assertThrows(StackException.class, () -> TestStackChoice.decide("containers", NO_ENGINE));
        assertTrue(e.getMessage().startsWith("PIPELINE_TEST_STACK=containers, but no Docker engine answered at"
                + " unix:///var/run/docker.sock: no such socket."), e.getMessage());
        assertTrue(e.getMessage().contains("PIPELINE_TEST_STACK=embedded"), e.getMessage());
    }

    @Test
    void anUnknownValueNamesTheVariableAndTheAllowedValues() {
        for (String wrong : new String[] {"docker", "Containers", "EMBEDDED", "testcontainers", "auto"}) {
            AtomicInteger asked = new AtomicInteger();
            StackException e = assertThrows(StackException.class,
                    () -> TestStackChoice.decide(wrong, () -> {
                        asked.incrementAndGet();
                        return EngineAnswer.answered("x");
                    }));
            assertEquals("PIPELINE_TEST_STACK must be 'embedded' or 'containers' (unset: containers when a Docker"
                    + " engine answers, embedded otherwise), got '" + wrong + "'", e.getMessage());
            assertEquals(0, asked.get(), "no probe for a value that is wrong anyway");
        }
    }

    /** This machine's case: no engine at the socket. The real probe, at a socket that does not exist. */
    @Test
    void withTheRealProbeAndNoEngineTheAutomaticChoiceIsEmbeddedAndForcingContainersFails(@TempDir Path dir) {
        String endpoint = "unix://" + dir.resolve("docker.sock");
        Supplier<EngineAnswer> probe = () -> DockerEngineProbe.at(endpoint, Duration.ofSeconds(1));

        Decision decision = TestStackChoice.decide(null, probe);
        assertEquals(Kind.EMBEDDED, decision.kind());
        assertEquals("test stack: embedded (no Docker engine answered at " + endpoint + ": no such socket);"
                + " set PIPELINE_TEST_STACK=containers to require containers", decision.notice().orElseThrow());

        StackException e = assertThrows(StackException.class, () -> TestStackChoice.decide("containers", probe));
        assertTrue(e.getMessage().contains("no Docker engine answered at " + endpoint), e.getMessage());
    }

    /**
     * The machine as it is (DOCKER_HOST or /var/run/docker.sock): whatever the probe finds, the
     * automatic choice follows it, and forcing containers fails exactly when it finds nothing.
     * On the project's machines (no engine) this is the fallback, end to end.
     */
    @Test
    void onThisMachineTheChoiceFollowsTheProbe() {
        EngineAnswer answer = DockerEngineProbe.local();
        Decision automatic = TestStackChoice.decide(null, () -> answer);
        assertEquals(answer.isAnswered() ? Kind.CONTAINERS : Kind.EMBEDDED, automatic.kind(), automatic.notice().orElseThrow());
        assertEquals(1, automatic.notice().orElseThrow().lines().count());
        if (answer.isAnswered()) {
            assertEquals(Kind.CONTAINERS, TestStackChoice.decide("containers", () -> answer).kind());
        } else {
            assertTrue(automatic.notice().orElseThrow().startsWith("test stack: embedded (no Docker engine answered at "
                    + answer.endpoint() + ": "), automatic.notice().orElseThrow());
            assertThrows(StackException.class, () -> TestStackChoice.decide("containers", () -> answer));
        }
        assertFalse(TestStackChoice.decide("embedded", () -> answer).notice().isPresent());
    }
}

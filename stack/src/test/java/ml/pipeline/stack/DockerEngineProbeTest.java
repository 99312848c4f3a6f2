package ml.pipeline.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import ml.pipeline.stack.TestStackChoice.EngineAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine probe against sockets that behave as engines do (and as broken ones do): a Docker
 * engine cannot run here, so a socket that answers {@code /_ping} as Docker does stands in for it.
 */
class DockerEngineProbeTest {
    private static final Duration SHORT = Duration.ofMillis(500);

    @Test
    void theEndpointIsDockerHostWhenSetElseTheDefaultSocket() {
        assertEquals("unix:///var/run/docker.sock", DockerEngineProbe.endpoint(null));
        assertEquals("unix:///var/run/docker.sock", DockerEngineProbe.endpoint(" "));
        assertEquals("tcp://10.0.0.5:2375", DockerEngineProbe.endpoint("tcp://10.0.0.5:2375"));
    }

    @Test
    void aSocketThatAnswersPingWith200IsAnEngine(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("docker.sock");
        try (AnsweringSocket engine = AnsweringSocket.unix(socket, "HTTP/1.1 200 OK\r\nApi-Version: 1.47\r\nContent-Length: 2\r\n\r\nOK")) {
            EngineAnswer answer = DockerEngineProbe.at("unix://" + socket, SHORT);
            assertTrue(answer.isAnswered(), answer.toString());
            assertEquals("GET /_ping HTTP/1.0", engine.requestLine());
        }
    }

    @Test
    void anotherAnswerIsNoEngineAndIsQuoted(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("docker.sock");
        try (AnsweringSocket engine = AnsweringSocket.unix(socket, "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.")) {
            EngineAnswer answer = DockerEngineProbe.at("unix://" + socket, SHORT);
            assertEquals("GET /_ping answered 'HTTP/1.0 400 Bad Request'", answer.problem().orElseThrow());
        }
    }

    @Test
    void aSocketThatAcceptsAndStaysSilentTimesOutInsteadOfHanging(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("docker.sock");
        try (AnsweringSocket engine = AnsweringSocket.unix(socket, null)) {
            EngineAnswer answer = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> DockerEngineProbe.at("unix://" + socket, SHORT));
            assertEquals("no answer to GET /_ping within 500 ms", answer.problem().orElseThrow());
        }
    }

    @Test
    void aMissingSocketOrAClosedPortOrAnUnknownSchemeIsNoEngine(@TempDir Path dir) throws IOException {
        assertEquals("no such socket", DockerEngineProbe.at("unix://" + dir.resolve("none.sock"), SHORT).problem().orElseThrow());
        int closed;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = free.getLocalPort();
        }
        EngineAnswer refused = DockerEngineProbe.at("tcp://127.0.0.1:" + closed, SHORT);
        assertTrue(refused.problem().isPresent(), refused.toString());
        assertEquals("the probe knows unix:// and tcp:// endpoints only",
                DockerEngineProbe.at("npipe:////./pipe/docker_engine", SHORT).problem().orElseThrow());
    }

    @Test
    void anEngineOverTcpAnswersToo() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (AnsweringSocket engine = new AnsweringSocket(server, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK")) {
                int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
                EngineAnswer answer = DockerEngineProbe.at("tcp://127.0.0.1:" + port, SHORT);
                assertTrue(answer.isAnswered(), answer.toString());
            }
        }
    }

    /** Accepts one connection, reads the request line, answers {@code reply} (or nothing, and holds on). */
    private static final class AnsweringSocket implements AutoCloseable {
        private final ServerSocketChannel server;
        private final Thread thread;
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile String requestLine;

        static AnsweringSocket unix(Path socket, String reply) throws IOException {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            return new AnsweringSocket(server, reply);
        }

        AnsweringSocket(ServerSocketChannel server, String reply) {
            this.server = server;
            this.thread = Thread.ofVirtual().start(() -> serve(reply));
        }

        private void serve(String reply) {
            try (SocketChannel client = server.accept()) {
                ByteBuffer buffer = ByteBuffer.allocate(1024);
                String request = "";
                while (!request.contains("\r\n\r\n") && client.read(buffer) >= 0) {
                    request = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
                }
                requestLine = request.lines().findFirst().orElse("");
                if (reply != null) {
                    client.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.US_ASCII)));
                } else {
                    closed.await();
                }
            } catch (IOException e) {
                // closed by the test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String requestLine() throws InterruptedException {
            thread.join(Duration.ofSeconds(5));
            return requestLine;
        }

        @Override
        public void close() throws IOException {
            closed.countDown();
            server.close();
        }
    }
}

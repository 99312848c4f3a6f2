package ml.pipeline.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import ml.pipeline.stack.TestStackChoice.EngineAnswer;

/**
 * Asks a Docker engine {@code GET /_ping} and nothing else: cheap, and bounded by a deadline, so
 * the choice of test stack never hangs on a socket that accepts and stays silent. Where the engine
 * is: {@code DOCKER_HOST} ({@code unix://} or {@code tcp://}) when set, else
 * {@code /var/run/docker.sock}. Limitation: it speaks plain HTTP only, so an engine behind TLS
 * ({@code DOCKER_TLS_VERIFY}) reads as not answering and the tests use the embedded stack there.
 */
public final class DockerEngineProbe {
    public static final String DEFAULT_ENDPOINT = "unix:///var/run/docker.sock";
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private DockerEngineProbe() {
    }

    /** The engine this machine points at. */
    public static EngineAnswer local() {
        return at(endpoint(System.getenv("DOCKER_HOST")), TIMEOUT);
    }

    /** {@code DOCKER_HOST}'s value, or the default socket when it is unset. */
    static String endpoint(String dockerHost) {
        return dockerHost == null || dockerHost.isBlank() ? DEFAULT_ENDPOINT : dockerHost.trim();
    }

    public static EngineAnswer at(String endpoint, Duration timeout) {
        SocketAddress address;
        try {
            address = address(endpoint);
        } catch (IllegalArgumentException e) {
            return EngineAnswer.silent(endpoint, e.getMessage());
        }
        if (address instanceof UnixDomainSocketAddress unix && !Files.exists(unix.getPath())) {
            return EngineAnswer.silent(endpoint, "no such socket");
        }
        Instant deadline = Instant.now().plus(timeout);
        try (SocketChannel channel = SocketChannel.open(address instanceof UnixDomainSocketAddress
                ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
             Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            if (!channel.connect(address)) {
                channel.register(selector, SelectionKey.OP_CONNECT);
                if (!await(selector, deadline)) {
                    return EngineAnswer.silent(endpoint, "no connection within " + timeout.toMillis() + " ms");
                }
                channel.finishConnect();
                selector.selectedKeys().clear();
            }
            channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            String statusLine = readStatusLine(channel, selector, deadline);
            if (statusLine == null) {
                return EngineAnswer.silent(endpoint, "no answer to GET /_ping within " + timeout.toMillis() + " ms");
            }
            if (statusLine.matches("HTTP/1\\.[01] 200( .*)?")) {
                return EngineAnswer.answered(endpoint);
            }
            return EngineAnswer.silent(endpoint, "GET /_ping answered '" + statusLine + "'");
        } catch (IOException e) {
            return EngineAnswer.silent(endpoint, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static SocketAddress address(String endpoint) {
        if (endpoint.startsWith("unix://")) {
            return UnixDomainSocketAddress.of(Path.of(endpoint.substring("unix://".length())));
        }
        if (endpoint.startsWith("tcp://")) {
            URI uri = URI.create(endpoint);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host in " + endpoint);
            }
            return new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort());
        }
        throw new IllegalArgumentException("the probe knows unix:// and tcp:// endpoints only");
    }

    /** Reads until the first line ends; null when the deadline passes (or the engine hangs up) first. */
    private static String readStatusLine(SocketChannel channel, Selector selector, Instant deadline) throws IOException {
        channel.register(selector, SelectionKey.OP_READ);
        ByteBuffer buffer = ByteBuffer.allocate(512);
        StringBuilder text = new StringBuilder();
        while (buffer.hasRemaining()) {
            if (!await(selector, deadline)) {
                return null;
            }
            selector.selectedKeys().clear();
            int read = channel.read(buffer);
            if (read < 0) {
                break;
            }
            text.setLength(0);
            text.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII));
            int end = text.indexOf("\r\n");
            if (end >= 0) {
                return text.substring(0, end);
            }
        }
        return text.isEmpty() ? null : text.toString().lines().findFirst().orElse(null);
    }

    private static boolean await(Selector selector, Instant deadline) throws IOException {
        long left = Duration.between(Instant.now(), deadline).toMillis();
        return left > 0 && selector.select(left) > 0;
    }
}

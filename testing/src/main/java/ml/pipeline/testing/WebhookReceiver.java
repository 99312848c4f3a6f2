package ml.pipeline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import ml.pipeline.core.notify.WebhookSignature;

/**
 * A webhook endpoint on a free local port (the JDK's HTTP server), for the alerts the registry
 * sends: it keeps every request (path, headers, body) and answers each path as told, in order
 * (the last answer repeats; 200 by default), or holds a path's requests without answering. Tests
 * await the requests they expect with a deadline.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it came: its path, headers (names in lower case), raw body and when it came. */
    public record Request(String path, Map<String, String> headers, byte[] body, Instant at) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("the webhook body is not JSON: " + text(), e);
            }
        }

        /** Whether its {@code X-Pipeline-Signature} is the HMAC of its body with {@code secret}. */
        public boolean isSignedWith(String secret) {
            return WebhookSignature.verify(secret, body, header(WebhookSignature.HEADER));
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> received = new ArrayList<>();
    private final Map<String, List<Integer>> answers = new ConcurrentHashMap<>();
    private final Map<String, Duration> holds = new ConcurrentHashMap<>();
    /** Opened at close: a held request is let go then, or when its hold is over, whichever comes first. */
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<String, Integer> served = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static WebhookReceiver start() {
        try {
            return new WebhookReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a local webhook receiver", e);
        }
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A local address nothing listens on: connections are refused. */
    public static String refusingUrl(String path) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statuses {@code path} answers, one request after the other; the last one repeats. */
    public WebhookReceiver answer(String path, Integer... statuses) {
        answers.put(path, List.of(statuses));
        return this;
    }

    /** Requests to {@code path} get no answer for {@code hold} (longer than the sender waits: a hook that hangs). */
    public WebhookReceiver hold(String path, Duration hold) {
        holds.put(path, hold);
        return this;
    }

    /** Every request to {@code path} so far, in the order they came. */
    public synchronized List<Request> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The first request that matches, waiting for it until {@code timeout}; fails after it. */
    public synchronized Request await(Predicate<Request> matches, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Request request : received) {
                if (matches.test(request)) {
                    return request;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching webhook request within " + timeout + "; received: "
                        + received.stream().map(r -> r.path() + " " + r.header("X-Pipeline-Event")).toList());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for a webhook request", e);
            }
        }
    }

    /** The first request to {@code path} with {@code X-Pipeline-Event: kind}, within {@link EventExchange#TIMEOUT}. */
    public Request await(String path, String kind) {
        return await(r -> r.path().equals(path) && kind.equals(r.header("X-Pipeline-Event")), EventExchange.TIMEOUT);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        byte[] body = exchange.getRequestBody().readAllBytes();
        synchronized (this) {
            received.add(new Request(path, Map.copyOf(headers), body, Instant.now()));
            notifyAll();
        }
        Duration hold = holds.get(path);
        if (hold != null) {
            try {
                closed.await(hold.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int n = served.merge(path, 1, Integer::sum);
        List<Integer> statuses = answers.getOrDefault(path, List.of(200));
        int status = statuses.get(Math.min(n, statuses.size()) - 1);
        byte[] answer = (status < 300 ? "ok" : "test answer " + status).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}

package dev.cascade.deadletter.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the broker ingress at K_SINK: records every POST and answers 202, or what a test scripted for
 * the event with a given {@code ce-id}.
 */
public final class RecordingBroker implements AutoCloseable {

    /** One request as received; header names lower-cased, the first value of each. */
    public record Received(String method, String path, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();

    public RecordingBroker() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the recording broker did not start", e);
        }
        server.createContext("/", this::record);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
    }

    /** The ingress URL, shaped like a broker's: {@code /<namespace>/<broker>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/cascade/default";
    }

    /** The first request matching {@code condition}, waiting up to {@code timeout} for it. */
    public Optional<Received> await(Predicate<Received> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Received> match = received.stream().filter(condition).findFirst();
            if (match.isPresent() || System.nanoTime() - deadline > 0) {
                return match;
            }
            Thread.sleep(20);
        }
    }

    /** Answers the next requests carrying event {@code ceId} with {@code statuses}, one each, then 202 again. */
    public void answer(String ceId, Integer... statuses) {
        scripts.put(ceId, new ConcurrentLinkedDeque<>(List.of(statuses)));
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    private void record(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                values.get(0)));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
        Deque<Integer> script = scripts.get(String.valueOf(headers.get("ce-id")));
        Integer scripted = script == null ? null : script.pollFirst();
        exchange.sendResponseHeaders(scripted == null ? 202 : scripted, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

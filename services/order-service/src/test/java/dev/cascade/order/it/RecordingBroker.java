package dev.cascade.order.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for the broker ingress: records every CloudEvent the outbox relay posts to {@code /ingress}. The test
 * runs in another class loader than this resource, so it reads what arrived over HTTP: {@code GET /received} lists
 * the events as JSON ({@code id, type, source, subject, data}, the {@code traceparent} headers as a list and
 * {@code ce-traceparent}); {@code POST /refuse?n=N} makes the next N posts fail with 503; {@code POST /hold?type=T&containing=S}
 * keeps the next post of type T whose data contains S open, unanswered and unrecorded, until {@code POST /release} (as the channel-based
 * broker keeps a post open while a slow subscriber takes the event).
 */
public class RecordingBroker implements QuarkusTestResourceLifecycleManager {

    public static final String URL_PROPERTY = "test.recording-broker.url";

    private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger();
    /** The type and data text of the post to hold next, as {@code type + "\n" + text}. */
    private final AtomicReference<String> holdNext = new AtomicReference<>();
    private volatile CountDownLatch released = new CountDownLatch(0);
    private final ObjectMapper json = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/ingress", this::ingress);
        server.createContext("/received", this::list);
        server.createContext("/refuse", this::refuse);
        server.createContext("/hold", this::hold);
        server.createContext("/release", this::release);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("cascade.broker.url", base + "/ingress", URL_PROPERTY, base);
    }

    private void ingress(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(exchange, 503, "");
            return;
        }
        var headers = exchange.getRequestHeaders();
        String type = headers.getFirst("ce-type");
        String hold = holdNext.get();
        if (hold != null && hold.startsWith(type + "\n")
                && new String(body, StandardCharsets.UTF_8).contains(hold.substring(type.length() + 1))
                && holdNext.compareAndSet(hold, null)) {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        received.add(Map.of(
                "id", headers.getFirst("ce-id"),
                "type", headers.getFirst("ce-type"),
                "source", headers.getFirst("ce-source"),
                "specversion", headers.getFirst("ce-specversion"),
                "contentType", String.valueOf(headers.getFirst("content-type")),
                "subject", String.valueOf(headers.getFirst("ce-subject")),
                "traceparent", List.copyOf(headers.getOrDefault("traceparent", List.of())),
                "ceTraceparent", String.valueOf(headers.getFirst("ce-traceparent")),
                "data", json.readTree(body)));
        answer(exchange, 202, "");
    }

    private void list(HttpExchange exchange) throws IOException {
        ArrayNode all = json.valueToTree(received);
        answer(exchange, 200, all.toString());
    }

    private void refuse(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        refusals.set(Integer.parseInt(query.substring(query.indexOf('=') + 1)));
        answer(exchange, 204, "");
    }

    private void hold(HttpExchange exchange) throws IOException {
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : exchange.getRequestURI().getQuery().split("&")) {
            query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        released = new CountDownLatch(1);
        holdNext.set(query.get("type") + "\n" + query.get("containing"));
        answer(exchange, 204, "");
    }

    private void release(HttpExchange exchange) throws IOException {
        holdNext.set(null);
        released.countDown();
        answer(exchange, 204, "");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}

package dev.cascade.telemetry.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for the broker ingress (K_SINK): records every CloudEvent posted to {@code /ingress} and answers 202.
 * The test reads what arrived over HTTP ({@code GET /received}: {@code id, type, source, subject, data}), as it runs
 * in another class loader than this resource.
 */
public class RecordingBroker implements QuarkusTestResourceLifecycleManager {

    public static final String URL_PROPERTY = "test.recording-broker.url";

    private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/ingress", this::ingress);
        server.createContext("/received", this::list);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("cascade.broker.url", base + "/ingress", URL_PROPERTY, base);
    }

    private void ingress(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        var headers = exchange.getRequestHeaders();
        received.add(Map.of(
                "id", String.valueOf(headers.getFirst("ce-id")),
                "type", String.valueOf(headers.getFirst("ce-type")),
                "source", String.valueOf(headers.getFirst("ce-source")),
                "subject", String.valueOf(headers.getFirst("ce-subject")),
                "traceparent", String.valueOf(headers.getFirst("traceparent")),
                "ce-traceparent", String.valueOf(headers.getFirst("ce-traceparent")),
                "data", json.readTree(body)));
        answer(exchange, 202, "");
    }

    private void list(HttpExchange exchange) throws IOException {
        answer(exchange, 200, json.writeValueAsString(received));
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

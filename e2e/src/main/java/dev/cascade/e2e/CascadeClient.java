package dev.cascade.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.cascade.contracts.CascadeJson;
import dev.cascade.contracts.Services;

/**
 * Cascade's HTTP APIs as a user reaches them on a local run: the broker ingress, each service through the stable
 * URL devmesh gives it, and devmesh's own {@code /devmesh/*}. Answers are JSON trees; nothing here knows a
 * service's classes.
 */
public final class CascadeClient {

    private static final ObjectMapper JSON = CascadeJson.newObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final LocalCascade cascade;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Map<String, URI> serviceUrls = new ConcurrentHashMap<>();

    CascadeClient(LocalCascade cascade) {
        this.cascade = cascade;
    }

    /** An HTTP answer with its body as text. */
    public record Answer(int status, String body, Map<String, List<String>> headers) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream())
                    .findFirst();
        }
    }

    // --- orders ---------------------------------------------------------------------------------------------

    /** {@code POST /orders}: the answer as it comes (202 with the order id, or a problem). */
    public Answer placeOrder(JsonNode order) {
        return send(HttpRequest.newBuilder(service(Services.ORDER_SERVICE, "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(order.toString())));
    }

    /** {@code POST /orders} as part of the caller's trace: {@code traceparent} is a W3C Trace Context header. */
    public Answer placeOrder(JsonNode order, String traceparent) {
        return send(HttpRequest.newBuilder(service(Services.ORDER_SERVICE, "/orders"))
                .header("Content-Type", "application/json")
                .header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofString(order.toString())));
    }

    /** Places {@code order} and returns its id; fails unless it is accepted. */
    public String placeAccepted(JsonNode order) {
        Answer answer = placeOrder(order);
        if (answer.status() != 202) {
            throw new IllegalStateException("POST /orders answered " + answer.status() + ": " + answer.body());
        }
        return answer.json().path("orderId").asText();
    }

    /** {@code GET /orders/{id}}, empty while the order is unknown. */
    public Optional<JsonNode> order(String orderId) {
        Answer answer = get(service(Services.ORDER_SERVICE, "/orders/" + encode(orderId)));
        return answer.status() == 404 ? Optional.empty() : Optional.of(ok(answer).json());
    }

    /** {@code GET /orders?customerId=}. */
    public JsonNode ordersOf(String customerId) {
        return ok(get(service(Services.ORDER_SERVICE, "/orders?customerId=" + encode(customerId)))).json();
    }

    /**
     * The order once its saga has ended (CONFIRMED or CANCELLED), or a failure after {@code timeout}. A 5xx on the
     * way (an instance that crashed under the request, a cold start past its timeout) is waited out, as a client
     * retrying a 502 would.
     */
    public JsonNode awaitSettled(String orderId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() - deadline < 0) {
            Answer answer = get(service(Services.ORDER_SERVICE, "/orders/" + encode(orderId)));
            Optional<JsonNode> order = answer.status() / 100 == 5 || answer.status() == 404
                    ? Optional.empty()
                    : Optional.of(ok(answer).json());
            if (order.isPresent()) {
                last = order.get();
                String status = last.path("status").asText();
                if (status.equals("CONFIRMED") || status.equals("CANCELLED")) {
                    return last;
                }
            }
            pause(Duration.ofMillis(100));
        }
        throw new IllegalStateException("order " + orderId + " not settled within " + timeout.toSeconds()
                + " s; last seen: " + last);
    }

    // --- inventory, payments, shipments, notifications, dead letters -----------------------------------------

    public JsonNode setStock(String sku, int available) {
        ObjectNode body = JSON.createObjectNode().put("available", available);
        return ok(send(HttpRequest.newBuilder(service(Services.INVENTORY_SERVICE, "/inventory/" + encode(sku)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())))).json();
    }

    public JsonNode stock(String sku) {
        return ok(get(service(Services.INVENTORY_SERVICE, "/inventory/" + encode(sku)))).json();
    }

    public JsonNode payments(String orderId) {
        return ok(get(service(Services.PAYMENT_SERVICE, "/payments?orderId=" + encode(orderId)))).json();
    }

    public JsonNode shipments(String orderId) {
        return ok(get(service(Services.SHIPPING_SERVICE, "/shipments?orderId=" + encode(orderId)))).json();
    }

    public JsonNode notifications(String orderId) {
        return ok(get(service(Services.NOTIFICATION_SERVICE, "/notifications?orderId=" + encode(orderId)))).json();
    }

    /** The newest operator alerts (notifications of kind {@code DEAD_LETTER}), one per dead letter announced. */
    public JsonNode operatorAlerts() {
        return ok(get(service(Services.NOTIFICATION_SERVICE, "/notifications?kind=DEAD_LETTER&limit=1000"))).json();
    }

    /** A device's stored one-minute windows, all sensors, oldest first. */
    public JsonNode windows(String deviceId) {
        return ok(get(service(Services.TELEMETRY_SERVICE, "/devices/" + encode(deviceId) + "/windows"))).json();
    }

    /** The anomalies the anomaly-detector found for a device, oldest window first. */
    public JsonNode anomalies(String deviceId) {
        return ok(get(service(Services.ANOMALY_DETECTOR, "/anomalies?deviceId=" + encode(deviceId)))).json();
    }

    /** The newest operator alerts about anomalies (notifications of kind {@code ANOMALY_DETECTED}). */
    public JsonNode anomalyAlerts() {
        return ok(get(service(Services.NOTIFICATION_SERVICE, "/notifications?kind=ANOMALY_DETECTED&limit=1000"))).json();
    }

    public JsonNode deadLetters() {
        return ok(get(service(Services.DEAD_LETTER_SERVICE, "/dead-letters"))).json();
    }

    // --- the broker -------------------------------------------------------------------------------------------

    /** Sends a binary-mode CloudEvent into the broker and returns the ingress status (202 when accepted). */
    public int sendEvent(String type, String source, String id, String contentType, String data) {
        return send(HttpRequest.newBuilder(cascade.brokerIngress())
                .header("ce-specversion", "1.0")
                .header("ce-type", type)
                .header("ce-source", source)
                .header("ce-id", id)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(data))).status();
    }

    // --- devmesh ----------------------------------------------------------------------------------------------

    /** The stable URL devmesh serves the Knative Service {@code name} on. */
    public URI serviceUrl(String name) {
        return serviceUrls.computeIfAbsent(name, this::lookUpServiceUrl);
    }

    /** The process ids of {@code name}'s running instances. */
    public List<Long> pidsOf(String name) {
        List<Long> pids = new ArrayList<>();
        serviceState(name).path("pids").forEach(pid -> pids.add(pid.asLong()));
        return pids;
    }

    /** The service as {@code GET /devmesh/services} lists it. */
    public JsonNode serviceState(String name) {
        for (JsonNode service : ok(get(cascade.devmesh().resolve("/devmesh/services"))).json()) {
            if (LocalCascade.NAMESPACE.equals(service.path("namespace").asText())
                    && name.equals(service.path("name").asText())) {
                return service;
            }
        }
        throw new IllegalStateException("devmesh runs no Knative Service " + name);
    }

    /** Where the local run's Kafka and PostgreSQL are ({@code GET /devmesh/infrastructure}). */
    public JsonNode infrastructure() {
        return ok(get(cascade.devmesh().resolve("/devmesh/infrastructure"))).json();
    }

    /** The loaded brokers as {@code GET /devmesh/brokers} lists them. */
    public JsonNode brokers() {
        return ok(get(cascade.devmesh().resolve("/devmesh/brokers"))).json();
    }

    /** The most recent delivery records, newest first. */
    public JsonNode deliveries(int limit) {
        return ok(get(cascade.devmesh().resolve("/devmesh/deliveries?limit=" + limit))).json();
    }

    boolean devmeshReady() {
        try {
            Answer answer = get(cascade.devmesh().resolve("/q/health/ready"));
            return answer.status() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    List<String> manifestErrors() {
        List<String> errors = new ArrayList<>();
        ok(get(cascade.devmesh().resolve("/devmesh/errors"))).json().forEach(error -> errors.add(error.toString()));
        return errors;
    }

    // --- plumbing ---------------------------------------------------------------------------------------------

    private URI lookUpServiceUrl(String name) {
        return URI.create(serviceState(name).path("url").asText());
    }

    private URI service(String name, String pathAndQuery) {
        return serviceUrl(name).resolve(pathAndQuery);
    }

    /** The Prometheus text exposition of {@code GET /q/metrics} at {@code base}: a service's URL or devmesh's. */
    public String metrics(URI base) {
        return ok(get(base.resolve("/q/metrics"))).body();
    }

    private Answer get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Answer ok(Answer answer) {
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException("HTTP " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

package dev.cascade.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * A small OTLP/HTTP collector for tests: it listens on 127.0.0.1, accepts {@code POST /v1/traces} as
 * {@code application/x-protobuf} (optionally gzip-compressed) or OTLP/JSON, answers 200 with an empty
 * {@code ExportTraceServiceResponse}, and keeps every span it received as a plain {@link Span}. Point an
 * {@code http/protobuf} exporter at {@link #endpoint()} (Quarkus: {@code quarkus.otel.exporter.otlp.endpoint}; it
 * appends {@code /v1/traces}) or at {@link #tracesEndpoint()} (the SDK's {@code OtlpHttpSpanExporter}, which takes
 * the full URL). Metrics and logs sent to {@code /v1/metrics} and {@code /v1/logs} are acknowledged and dropped,
 * so an application that exports them too does not log export failures.
 */
public final class OtlpReceiver implements AutoCloseable {

    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    /** One received span; ids in lowercase hex, {@code parentSpanId} empty for a root span. */
    public record Span(
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            Kind kind,
            String serviceName,
            long startNanos,
            long endNanos,
            Map<String, String> attributes,
            Status status,
            String statusMessage) {

        /** OTLP's span kinds, in the order of their proto numbers. */
        public enum Kind {
            UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER
        }

        /** OTLP's status codes, in the order of their proto numbers. */
        public enum Status {
            UNSET, OK, ERROR
        }

        public String attribute(String key) {
            return attributes.get(key);
        }

        public boolean root() {
            return parentSpanId.isEmpty();
        }

        /** One line for failure messages: name, kind, service, trace/span ← parent. */
        public String describe() {
            return "%s %s [%s] %s/%s <- %s %s".formatted(name, kind, serviceName, traceId, spanId,
                    root() ? "(root)" : parentSpanId, status == Status.UNSET ? "" : status);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Span> received = new ArrayList<>();

    private OtlpReceiver(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a receiver on a free port of 127.0.0.1. */
    public static OtlpReceiver start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("OTLP receiver could not listen", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "otlp-receiver");
            thread.setDaemon(true);
            return thread;
        });
        OtlpReceiver receiver = new OtlpReceiver(server, executor);
        server.setExecutor(executor);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}: what http/protobuf exporters append /v1/traces to. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The full traces URL, {@code <endpoint>/v1/traces}. */
    public String tracesEndpoint() {
        return endpoint() + "/v1/traces";
    }

    /** Every span received so far, in arrival order. */
    public List<Span> spans() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The spans of one trace, in arrival order. */
    public List<Span> spansOf(String traceId) {
        return spans().stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    /**
     * Waits until the spans received so far satisfy {@code condition}, and returns them; fails with an
     * {@link AssertionError} that lists what did arrive when {@code timeout} passes first.
     */
    public List<Span> awaitSpans(Predicate<List<Span>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                List<Span> snapshot = List.copyOf(received);
                if (condition.test(snapshot)) {
                    return snapshot;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the spans received within " + timeout + " never matched; received "
                            + snapshot.size() + ":" + describe(snapshot));
                }
                try {
                    received.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for spans", e);
                }
            }
        }
    }

    /** Forgets every span received so far. */
    public void clear() {
        synchronized (received) {
            received.clear();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static String describe(List<Span> spans) {
        StringBuilder text = new StringBuilder();
        spans.stream().limit(100).forEach(span -> text.append("\n  ").append(span.describe()));
        if (spans.size() > 100) {
            text.append("\n  …");
        }
        return text.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            receive(exchange);
        } finally {
            exchange.close();
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/v1/traces") && !path.equals("/v1/metrics") && !path.equals("/v1/logs")) {
            answer(exchange, 404, "text/plain", "OTLP/HTTP paths are /v1/traces, /v1/metrics and /v1/logs");
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().add("Allow", "POST");
            answer(exchange, 405, "text/plain", "POST only");
            return;
        }
        String mediaType = mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (!PROTOBUF.equals(mediaType) && !JSON.equals(mediaType)) {
            answer(exchange, 415, "text/plain", "Content-Type must be " + PROTOBUF + " or " + JSON);
            return;
        }
        byte[] body;
        try (InputStream in = body(exchange)) {
            body = in.readAllBytes();
        }
        if (path.equals("/v1/traces")) {
            List<Span> spans;
            try {
                spans = PROTOBUF.equals(mediaType)
                        ? fromProtobuf(ExportTraceServiceRequest.parseFrom(body))
                        : fromJson(MAPPER.readTree(body));
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                answer(exchange, 400, "text/plain", "not an OTLP trace export request: " + e.getMessage());
                return;
            } catch (IOException e) {
                answer(exchange, 400, "text/plain", "not an OTLP/JSON trace export request: " + e.getMessage());
                return;
            }
            synchronized (received) {
                received.addAll(spans);
                received.notifyAll();
            }
        }
        if (PROTOBUF.equals(mediaType)) {
            // Every Export*ServiceResponse without a partial success encodes as zero bytes.
            answer(exchange, 200, PROTOBUF, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
        } else {
            answer(exchange, 200, JSON, "{}");
        }
    }

    private static InputStream body(HttpExchange exchange) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        InputStream in = exchange.getRequestBody();
        return encoding != null && encoding.trim().equalsIgnoreCase("gzip") ? new GZIPInputStream(in) : in;
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        answer(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    // OTLP/protobuf

    static List<Span> fromProtobuf(ExportTraceServiceRequest request) {
        List<Span> spans = new ArrayList<>();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            String service = "";
            for (KeyValue attribute : resourceSpans.getResource().getAttributesList()) {
                if (attribute.getKey().equals("service.name")) {
                    service = text(attribute.getValue());
                }
            }
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span span : scopeSpans.getSpansList()) {
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (KeyValue attribute : span.getAttributesList()) {
                        attributes.put(attribute.getKey(), text(attribute.getValue()));
                    }
                    spans.add(new Span(hex(span.getTraceId()), hex(span.getSpanId()), hex(span.getParentSpanId()),
                            span.getName(), kind(span.getKindValue()), service, span.getStartTimeUnixNano(),
                            span.getEndTimeUnixNano(), Map.copyOf(attributes), status(span.getStatus().getCodeValue()),
                            span.getStatus().getMessage()));
                }
            }
        }
        return spans;
    }

    private static String hex(ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> String.valueOf(value.getBoolValue());
            case INT_VALUE -> String.valueOf(value.getIntValue());
            case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpReceiver::text).toList()
                    .toString();
            case KVLIST_VALUE -> {
                Map<String, String> entries = new LinkedHashMap<>();
                value.getKvlistValue().getValuesList().forEach(kv -> entries.put(kv.getKey(), text(kv.getValue())));
                yield entries.toString();
            }
            case VALUE_NOT_SET -> "";
        };
    }

    private static Span.Kind kind(int number) {
        Span.Kind[] kinds = Span.Kind.values();
        return number >= 0 && number < kinds.length ? kinds[number] : Span.Kind.UNSPECIFIED;
    }

    private static Span.Status status(int number) {
        Span.Status[] statuses = Span.Status.values();
        return number >= 0 && number < statuses.length ? statuses[number] : Span.Status.UNSET;
    }

    // OTLP/JSON: the protobuf JSON mapping with lowerCamelCase keys, ids as hex and enums as numbers (or names)

    static List<Span> fromJson(JsonNode request) {
        if (!request.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        List<Span> spans = new ArrayList<>();
        for (JsonNode resourceSpans : request.path("resourceSpans")) {
            String service = "";
            for (JsonNode attribute : resourceSpans.path("resource").path("attributes")) {
                if (attribute.path("key").asText().equals("service.name")) {
                    service = text(attribute.path("value"));
                }
            }
            for (JsonNode scopeSpans : resourceSpans.path("scopeSpans")) {
                for (JsonNode span : scopeSpans.path("spans")) {
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (JsonNode attribute : span.path("attributes")) {
                        attributes.put(attribute.path("key").asText(), text(attribute.path("value")));
                    }
                    JsonNode status = span.path("status");
                    spans.add(new Span(span.path("traceId").asText().toLowerCase(Locale.ROOT),
                            span.path("spanId").asText().toLowerCase(Locale.ROOT),
                            span.path("parentSpanId").asText().toLowerCase(Locale.ROOT),
                            span.path("name").asText(), jsonEnum(span.path("kind"), Span.Kind.values(), "SPAN_KIND_"),
                            service, Long.parseUnsignedLong(span.path("startTimeUnixNano").asText("0")),
                            Long.parseUnsignedLong(span.path("endTimeUnixNano").asText("0")), Map.copyOf(attributes),
                            jsonEnum(status.path("code"), Span.Status.values(), "STATUS_CODE_"),
                            status.path("message").asText()));
                }
            }
        }
        return spans;
    }

    private static String text(JsonNode value) {
        if (value.has("stringValue")) {
            return value.get("stringValue").asText();
        }
        if (value.has("boolValue")) {
            return String.valueOf(value.get("boolValue").asBoolean());
        }
        if (value.has("intValue")) {
            return String.valueOf(Long.parseLong(value.get("intValue").asText()));
        }
        if (value.has("doubleValue")) {
            return String.valueOf(value.get("doubleValue").asDouble());
        }
        if (value.has("bytesValue")) {
            return value.get("bytesValue").asText();
        }
        if (value.has("arrayValue")) {
            List<String> values = new ArrayList<>();
            value.get("arrayValue").path("values").forEach(element -> values.add(text(element)));
            return values.toString();
        }
        if (value.has("kvlistValue")) {
            Map<String, String> entries = new LinkedHashMap<>();
            value.get("kvlistValue").path("values")
                    .forEach(kv -> entries.put(kv.path("key").asText(), text(kv.path("value"))));
            return entries.toString();
        }
        return "";
    }

    private static <E extends Enum<E>> E jsonEnum(JsonNode value, E[] constants, String prefix) {
        if (value.isNumber()) {
            int number = value.asInt();
            return number >= 0 && number < constants.length ? constants[number] : constants[0];
        }
        String name = value.asText();
        for (E constant : constants) {
            if (name.equals(prefix + constant.name())) {
                return constant;
            }
        }
        return constants[0];
    }
}

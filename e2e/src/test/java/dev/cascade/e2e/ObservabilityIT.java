package dev.cascade.e2e;

import static dev.cascade.e2e.Orders.GOOD_CARD;
import static dev.cascade.e2e.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Services;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.observability.EventLog;
import dev.cascade.contracts.observability.PromQueries;
import dev.cascade.contracts.observability.PrometheusText;
import dev.cascade.testing.OtlpReceiver;
import dev.cascade.testing.OtlpReceiver.Span;

/**
 * What an operator sees of one order: one trace across every process and every broker hop (the spans of all
 * processes collected by a real OTLP/HTTP endpoint in the test), one JSON log line per event handled carrying that
 * trace, and the metrics that the shipped dashboard and alert rules query, scraped from every process.
 */
class ObservabilityIT {

    /** The services an order passes through, each of which must add spans to the order's trace. */
    static final List<String> ORDER_PATH = List.of(Services.ORDER_SERVICE, Services.INVENTORY_SERVICE,
            Services.PAYMENT_SERVICE, Services.SHIPPING_SERVICE, Services.NOTIFICATION_SERVICE);
    /** The Triggers a confirmed order crosses: each must be a devmesh delivery span in the order's trace. */
    static final List<String> ORDER_TRIGGERS = List.of("inventory-reserve", "saga-inventory-reserved",
            "payment-authorize", "saga-payment-authorized", "shipment-schedule", "saga-shipment-scheduled",
            "notify-order-confirmed");
    static final String DEVMESH = "devmesh";
    static final Duration SPANS = Duration.ofSeconds(30);

    static OtlpReceiver otlp;
    static LocalCascade cascade;
    static CascadeClient api;

    @BeforeAll
    static void start() {
        otlp = OtlpReceiver.start();
        cascade = LocalCascade.start(LocalCascade.Options.of(OrderFlowIT.repository(), Path.of("target/e2e/observability"))
                .with("devmesh.otlp.endpoint", otlp.endpoint())
                // Spans within a fraction of a second rather than the SDK's default five.
                .with("quarkus.otel.bsp.schedule.delay", "200ms")
                .with("devmesh.serving.inject.QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"));
        api = cascade.client();
    }

    @AfterAll
    static void stop() {
        if (cascade != null) {
            cascade.close();
        }
        if (otlp != null) {
            otlp.close();
        }
    }

    @Test
    void oneOrderIsOneTraceAcrossEveryServiceAndBrokerHop() {
        // A first order starts every service, so that what the traced one leaves behind is its own.
        String sku = OrderFlowIT.uniqueSku("TRACE");
        api.setStock(sku, 10);
        String warmUp = api.placeAccepted(order(OrderFlowIT.customer(), sku, 1, "5.00", GOOD_CARD, "DE"));
        assertThat(api.awaitSettled(warmUp, OrderFlowIT.SETTLED).path("status").asText()).isEqualTo("CONFIRMED");
        await().atMost(OrderFlowIT.SETTLED).until(() -> api.notifications(warmUp).size() == 1);
        CascadeClient.pause(Duration.ofSeconds(2));
        otlp.clear();

        String traceId = hex(16);
        String callerSpan = hex(8);
        CascadeClient.Answer placed = api.placeOrder(order(OrderFlowIT.customer(), sku, 2, "5.00", GOOD_CARD, "DE"),
                "00-" + traceId + "-" + callerSpan + "-01");
        assertThat(placed.status()).isEqualTo(202);
        String orderId = placed.json().path("orderId").asText();
        assertThat(api.awaitSettled(orderId, OrderFlowIT.SETTLED).path("status").asText()).isEqualTo("CONFIRMED");
        await().atMost(OrderFlowIT.SETTLED).until(() -> api.notifications(orderId).size() == 1);

        List<Span> trace = otlp.awaitSpans(spans -> complete(spans, traceId, callerSpan), SPANS).stream()
                .filter(span -> span.traceId().equals(traceId))
                .toList();
        Map<String, Span> byId = trace.stream().collect(Collectors.toMap(Span::spanId, Function.identity()));

        // Correctly parented: the caller's span is the only parent outside the trace, and only order-service's
        // POST /orders hangs from it.
        for (Span span : trace) {
            assertThat(span.parentSpanId().equals(callerSpan) || byId.containsKey(span.parentSpanId()))
                    .as("parent of %s is in the trace", span.describe()).isTrue();
        }
        assertThat(trace.stream().filter(span -> span.parentSpanId().equals(callerSpan)))
                .as("spans whose parent is the caller's").singleElement()
                .satisfies(span -> {
                    assertThat(span.serviceName()).isEqualTo(Services.ORDER_SERVICE);
                    assertThat(span.kind()).isEqualTo(Span.Kind.SERVER);
                });

        // Each broker delivery is a devmesh span hanging from the event's ingress span, and the function it reached
        // is a server span hanging from that delivery.
        for (String trigger : ORDER_TRIGGERS) {
            Span delivery = trace.stream().filter(span -> isDelivery(span, trigger)).findFirst().orElseThrow();
            assertThat(byId.get(delivery.parentSpanId()).name()).as("parent of %s", delivery.describe())
                    .startsWith("broker ingress ");
            assertThat(trace).as("a server span under %s", delivery.describe())
                    .anySatisfy(span -> {
                        assertThat(span.parentSpanId()).isEqualTo(delivery.spanId());
                        assertThat(span.kind()).isEqualTo(Span.Kind.SERVER);
                        assertThat(span.serviceName()).isNotEqualTo(DEVMESH);
                    });
        }
        // Every service of the path took part, down to its database calls.
        for (String service : ORDER_PATH) {
            assertThat(trace).as("a server span of %s", service)
                    .anyMatch(span -> span.serviceName().equals(service) && span.kind() == Span.Kind.SERVER);
            assertThat(trace).as("a database span of %s", service)
                    .anyMatch(span -> span.serviceName().equals(service) && isDatabaseCall(span));
        }

        // No hop started a trace of its own: every broker span, and every service span that received an event
        // (a POST; the test's own GETs come without a traceparent), since the warm-up belongs to this order.
        List<Span> strays = otlp.spans().stream()
                .filter(span -> !span.traceId().equals(traceId))
                .filter(span -> span.serviceName().equals(DEVMESH)
                        || span.kind() == Span.Kind.SERVER && "POST".equals(span.attribute("http.request.method")))
                .toList();
        assertThat(strays).as("hops outside the order's trace").extracting(Span::describe).isEmpty();
    }

    /**
     * The telemetry pipeline's Kafka hop joins the trace too: a traced device's readings, through the raw topic and
     * telemetry-service's batch, the window they close, the broker, the anomaly-detector, its anomaly event and the
     * operator alert, are one trace.
     */
    @Test
    void aTracedReadingIsOneTraceThroughKafkaTheWindowTheAnomalyAndTheAlert() throws Exception {
        String traceId = hex(16);
        String producerSpan = hex(8);
        String traceparent = "00-" + traceId + "-" + producerSpan + "-01";
        String device = "dev-0049";
        Instant minute = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES);
        String bootstrap = api.infrastructure().path("kafkaBootstrapServers").asText();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            // 40 °C is above the detector's operating limit (35 °C): the window is an anomaly on its own. The second
            // reading, three minutes later, moves the watermark past the first one's window, which closes.
            for (var reading : List.of(Map.entry(40.0, minute.plusSeconds(5)), Map.entry(20.0, minute.plusSeconds(185)))) {
                String event = """
                        {"specversion":"1.0","id":"%s","source":"urn:example:greenhouse","type":"%s",\
                        "datacontenttype":"application/json","traceparent":"%s","data":{"deviceId":"%s",\
                        "sensorType":"temperature","value":%s,"unit":"celsius","timestamp":"%s"}}"""
                        .formatted(UUID.randomUUID(), EventTypes.TELEMETRY_READING_V1, traceparent, device,
                                reading.getKey(), reading.getValue());
                producer.send(new ProducerRecord<>(Topics.TELEMETRY_READINGS_RAW, device, event)).get(30, TimeUnit.SECONDS);
            }
        }

        List<String> path = List.of(Services.TELEMETRY_SERVICE, Services.ANOMALY_DETECTOR,
                Services.NOTIFICATION_SERVICE);
        List<String> triggers = List.of("anomaly-window-closed", "notify-anomaly-detected");
        List<Span> trace = otlp.awaitSpans(spans -> {
            List<Span> mine = spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
            Set<String> ids = mine.stream().map(Span::spanId).collect(Collectors.toSet());
            return mine.stream().map(Span::serviceName).collect(Collectors.toSet()).containsAll(path)
                    && triggers.stream().allMatch(trigger -> mine.stream().anyMatch(span -> isDelivery(span, trigger)))
                    && mine.stream().allMatch(span -> span.parentSpanId().equals(producerSpan)
                            || ids.contains(span.parentSpanId()));
        }, Duration.ofSeconds(90)).stream().filter(span -> span.traceId().equals(traceId)).toList();
        Map<String, Span> byId = trace.stream().collect(Collectors.toMap(Span::spanId, Function.identity()));

        // The Kafka hop: telemetry-service's batch span is the child of the producer's, and the window's trip
        // through the broker hangs from it.
        Span batch = trace.stream().filter(span -> span.parentSpanId().equals(producerSpan)).findFirst().orElseThrow();
        assertThat(batch.serviceName()).isEqualTo(Services.TELEMETRY_SERVICE);
        assertThat(batch.kind()).isEqualTo(Span.Kind.CONSUMER);
        assertThat(batch.name()).isEqualTo(Topics.TELEMETRY_READINGS_RAW + " process");
        Span windowIngress = trace.stream().filter(span -> span.parentSpanId().equals(batch.spanId())
                && span.name().startsWith("broker ingress ")).findFirst().orElseThrow();
        assertThat(windowIngress.serviceName()).isEqualTo(DEVMESH);
        for (String trigger : triggers) {
            Span delivery = trace.stream().filter(span -> isDelivery(span, trigger)).findFirst().orElseThrow();
            assertThat(byId.get(delivery.parentSpanId()).name()).startsWith("broker ingress ");
            assertThat(trace).as("a server span under %s", delivery.describe()).anySatisfy(span -> {
                assertThat(span.parentSpanId()).isEqualTo(delivery.spanId());
                assertThat(span.kind()).isEqualTo(Span.Kind.SERVER);
            });
        }
        await().atMost(OrderFlowIT.SETTLED).untilAsserted(() -> assertThat(api.anomalies(device)).hasSize(1));
    }

    @Test
    void everyMetricTheDashboardAndTheAlertRulesQueryIsExported() throws IOException {
        // Work for every series: an order through the whole flow (cold starts included, as the services start on
        // their first event), and a poison event that the dead-letter sink stores.
        String sku = OrderFlowIT.uniqueSku("METRICS");
        api.setStock(sku, 10);
        String orderId = api.placeAccepted(order(OrderFlowIT.customer(), sku, 1, "5.00", GOOD_CARD, "DE"));
        assertThat(api.awaitSettled(orderId, OrderFlowIT.SETTLED).path("status").asText()).isEqualTo("CONFIRMED");
        await().atMost(OrderFlowIT.SETTLED).until(() -> api.notifications(orderId).size() == 1);
        String poison = "metrics-poison-" + UUID.randomUUID();
        assertThat(api.sendEvent(EventTypes.ORDER_PLACE_V1, EventSources.STOREFRONT, poison, "application/json",
                "{\"orderId\": 7}")).isEqualTo(202);
        await().atMost(OrderFlowIT.SETTLED).until(() -> api.deadLetters().toString().contains(poison));

        Path repository = OrderFlowIT.repository();
        Set<String> queried = new TreeSet<>();
        queried.addAll(PromQueries.metricNames(repository.resolve("observability/grafana/cascade-dashboard.json")));
        queried.addAll(PromQueries.metricNames(repository.resolve("observability/prometheus/cascade-alerts.yaml")));
        assertThat(queried).as("metrics the dashboard and the rules query").isNotEmpty();

        Set<String> scraped = new TreeSet<>(PrometheusText.parse(api.metrics(cascade.devmesh())).names());
        for (String service : List.of(Services.ORDER_SERVICE, Services.INVENTORY_SERVICE, Services.PAYMENT_SERVICE,
                Services.SHIPPING_SERVICE, Services.NOTIFICATION_SERVICE, Services.DEAD_LETTER_SERVICE)) {
            scraped.addAll(PrometheusText.parse(api.metrics(api.serviceUrl(service))).names());
        }
        assertThat(scraped).as("series scraped from devmesh and every service").containsAll(queried);
    }

    @Test
    void everyEventHandledIsOneJsonLogLineCarryingItsTrace() throws IOException {
        String sku = OrderFlowIT.uniqueSku("LOGS");
        api.setStock(sku, 10);
        String traceId = hex(16);
        CascadeClient.Answer placed = api.placeOrder(order(OrderFlowIT.customer(), sku, 1, "5.00", GOOD_CARD, "DE"),
                "00-" + traceId + "-" + hex(8) + "-01");
        String orderId = placed.json().path("orderId").asText();
        assertThat(api.awaitSettled(orderId, OrderFlowIT.SETTLED).path("status").asText()).isEqualTo("CONFIRMED");
        await().atMost(OrderFlowIT.SETTLED).until(() -> api.notifications(orderId).size() == 1);

        // Each function logs JSON lines (the JVM may print a plain warning of its own before logging starts), and
        // each event of this order is exactly one of them, with the order's trace id.
        Map<String, String> handledBy = Map.of(
                Services.INVENTORY_SERVICE, EventTypes.INVENTORY_RESERVE_V1,
                Services.PAYMENT_SERVICE, EventTypes.PAYMENT_AUTHORIZE_V1,
                Services.SHIPPING_SERVICE, EventTypes.SHIPMENT_SCHEDULE_V1,
                Services.NOTIFICATION_SERVICE, EventTypes.ORDER_CONFIRMED_V1,
                Services.ORDER_SERVICE, EventTypes.SHIPMENT_SCHEDULED_V1);
        ObjectMapper json = new ObjectMapper();
        for (Map.Entry<String, String> entry : handledBy.entrySet()) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<JsonNode> lines = new ArrayList<>();
                for (String line : Files.readAllLines(cascade.logs().resolve(entry.getKey() + ".log"))) {
                    if (line.startsWith("{")) {
                        lines.add(json.readTree(line));
                    }
                }
                assertThat(lines).as("%s's lines for this order's %s", entry.getKey(), entry.getValue())
                        .filteredOn(line -> EventLog.LOGGER.equals(line.path("loggerName").asText()))
                        .filteredOn(line -> entry.getValue().equals(mdc(line, EventLog.EVENT_TYPE)))
                        .filteredOn(line -> traceId.equals(mdc(line, EventLog.TRACE_ID)))
                        .singleElement()
                        .satisfies(line -> {
                            assertThat(line.path("service").asText()).isEqualTo(entry.getKey());
                            assertThat(mdc(line, EventLog.SPAN_ID)).hasSize(16);
                            assertThat(mdc(line, EventLog.EVENT_ID)).isNotBlank();
                            assertThat(mdc(line, EventLog.OUTCOME)).isEqualTo("success");
                        });
            });
        }
    }

    /** A key of the line's MDC, wherever the JSON formatter put it. */
    static String mdc(JsonNode line, String key) {
        JsonNode value = line.path("mdc").path(key);
        return value.isMissingNode() ? line.path(key).asText(null) : value.asText(null);
    }

    /**
     * Every service of the path and every Trigger of the flow has reported its part of the trace, and every parent
     * has arrived too (a process exports a span when it ends, and a parent ends after its children).
     */
    static boolean complete(List<Span> spans, String traceId, String callerSpan) {
        List<Span> trace = spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
        Set<String> services = trace.stream().map(Span::serviceName).collect(Collectors.toSet());
        Set<String> ids = trace.stream().map(Span::spanId).collect(Collectors.toSet());
        return services.containsAll(ORDER_PATH)
                && trace.stream().allMatch(span -> span.parentSpanId().equals(callerSpan) || ids.contains(span.parentSpanId()))
                && ORDER_TRIGGERS.stream().allMatch(trigger -> trace.stream().anyMatch(span -> isDelivery(span, trigger)))
                && ORDER_PATH.stream().allMatch(service -> trace.stream()
                        .anyMatch(span -> span.serviceName().equals(service) && isDatabaseCall(span)));
    }

    static boolean isDelivery(Span span, String trigger) {
        return span.serviceName().equals(DEVMESH) && span.name().equals("deliver " + LocalCascade.NAMESPACE + "/" + trigger);
    }

    /** A client span of the database client: it carries the OpenTelemetry {@code db.*} attributes. */
    static boolean isDatabaseCall(Span span) {
        return span.kind() == Span.Kind.CLIENT && span.attributes().keySet().stream().anyMatch(key -> key.startsWith("db."));
    }

    static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}

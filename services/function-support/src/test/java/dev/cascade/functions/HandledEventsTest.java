package dev.cascade.functions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.observability.CascadeMetrics;
import dev.cascade.contracts.observability.EventLog;
import dev.cascade.contracts.observability.PrometheusText;
import dev.cascade.testing.PostgresTestResource;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class HandledEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOG = Path.of("target/function-support-test.json.log");
    private static final String SERVICE = "function-support";

    @Inject
    RecordedSpans spans;

    @Test
    void everyEventIsCountedAndTimedOnceByTheOutcomeTheBrokerSees() {
        PrometheusText before = scrape();
        binary(id(), "ord-" + id()).statusCode(200);
        binary(id(), "quiet-" + id()).statusCode(204);
        binary(id(), "perm-" + id()).statusCode(422);
        binary(id(), "busy-" + id()).statusCode(429);
        binary(id(), "boom-" + id()).statusCode(500);
        given().header("ce-specversion", "1.0").header("ce-id", id()).header("ce-source", "/test")
                .header("ce-type", "no.such.type").contentType("application/json").body("{}")
                .post("/").then().statusCode(404);

        Map<String, Double> expected = Map.of(CascadeMetrics.SUCCESS, 2.0, CascadeMetrics.PERMANENT, 1.0,
                CascadeMetrics.RETRIED, 2.0);
        PrometheusText after = eventually(() -> {
            PrometheusText now = scrape();
            return handled(now, EventTypes.INVENTORY_RESERVE_V1, CascadeMetrics.RETRIED)
                    - handled(before, EventTypes.INVENTORY_RESERVE_V1, CascadeMetrics.RETRIED) >= 2 ? now : null;
        });
        expected.forEach((outcome, count) -> {
            assertThat(handled(after, EventTypes.INVENTORY_RESERVE_V1, outcome)
                    - handled(before, EventTypes.INVENTORY_RESERVE_V1, outcome)).as(outcome).isEqualTo(count);
            assertThat(after.value("cascade_event_handling_seconds_count", tags(EventTypes.INVENTORY_RESERVE_V1, outcome))
                    - before.value("cascade_event_handling_seconds_count", tags(EventTypes.INVENTORY_RESERVE_V1, outcome)))
                    .as(outcome).isEqualTo(count);
        });
        assertThat(handled(after, CascadeMetrics.OTHER_TYPE, CascadeMetrics.RETRIED)
                - handled(before, CascadeMetrics.OTHER_TYPE, CascadeMetrics.RETRIED)).isEqualTo(1);
        // A REST call or a scrape is not an event.
        assertThat(after.samples()).filteredOn(s -> s.name().equals("cascade_events_handled_total"))
                .allSatisfy(s -> assertThat(s.labels().get(CascadeMetrics.TAG_TYPE))
                        .isIn(EventTypes.INVENTORY_RESERVE_V1, CascadeMetrics.OTHER_TYPE));
    }

    @Test
    void theServiceExportsEveryEventSeriesTheDashboardMayQuery() {
        binary(id(), "ord-" + id()).statusCode(200);
        PrometheusText scrape = eventually(() -> {
            PrometheusText now = scrape();
            return now.has("cascade_events_handled_total") ? now : null;
        });
        // function-support's series are those every function service exports.
        for (String series : CascadeMetrics.exportedBy(dev.cascade.contracts.Services.INVENTORY_SERVICE)) {
            assertThat(scrape.has(series)).as(series).isTrue();
        }
        assertThat(scrape.samples()).filteredOn(s -> s.name().equals("cascade_event_handling_seconds_bucket"))
                .extracting(s -> s.labels().get("le")).contains("+Inf").hasSizeGreaterThan(10);
    }

    @Test
    void eachEventWritesExactlyOneJsonLineWithItsIdsTraceAndService() {
        String traceId = hex(32);
        String parentSpan = hex(16);
        String eventId = id();
        binary(eventId, "ord-" + eventId, "00-" + traceId + "-" + parentSpan + "-01").statusCode(200);

        JsonNode line = single(eventId);
        assertThat(line.path("loggerName").asText()).isEqualTo(EventLog.LOGGER);
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("service").asText()).isEqualTo(SERVICE);
        assertThat(line.path("message").asText())
                .matches("handled " + quote(EventTypes.INVENTORY_RESERVE_V1) + " " + eventId + " -> 200 in \\d+ ms");
        JsonNode mdc = line.path("mdc");
        assertThat(mdc.path(EventLog.EVENT_ID).asText()).isEqualTo(eventId);
        assertThat(mdc.path(EventLog.EVENT_TYPE).asText()).isEqualTo(EventTypes.INVENTORY_RESERVE_V1);
        assertThat(mdc.path(EventLog.EVENT_SOURCE).asText()).isEqualTo(EventSources.ORDER_SERVICE);
        assertThat(mdc.path(EventLog.OUTCOME).asText()).isEqualTo(CascadeMetrics.SUCCESS);
        assertThat(mdc.path(EventLog.STATUS).asText()).isEqualTo("200");
        assertThat(mdc.path(EventLog.TRACE_ID).asText()).isEqualTo(traceId);
        SpanData server = serverSpan(traceId);
        assertThat(mdc.path(EventLog.SPAN_ID).asText()).isEqualTo(server.getSpanId());
    }

    @Test
    void hostileIdsStayOnOneLineCutShort() throws IOException {
        String marker = id();
        // JSON escapes, so that the characters reach the service whatever the request's charset.
        String evil = "\"evil-" + marker + "\\nforged \\\"line\\\"\\u2028\\u0007\"";
        given().contentType("application/cloudevents+json")
                .body("""
                        {"specversion":"1.0","id":%s,"source":"/hostile\\r\\n","type":"%s",
                         "datacontenttype":"application/json","data":%s}"""
                        .formatted(evil, EventTypes.INVENTORY_RESERVE_V1,
                                reserve("ord-" + marker)))
                .post("/").then().statusCode(200);
        String longId = "long-" + marker + "\"" + "x".repeat(3000);
        binary(longId, "perm-" + marker).statusCode(422);

        JsonNode hostile = single("evil-" + marker);
        assertThat(hostile.path("mdc").path(EventLog.EVENT_ID).asText())
                .isEqualTo("evil-" + marker + " forged \"line\"  ");
        assertThat(hostile.path("mdc").path(EventLog.EVENT_SOURCE).asText()).isEqualTo("/hostile  ");
        assertThat(hostile.path("message").asText()).doesNotContain("\n").contains("forged \"line\"");

        JsonNode cut = single("long-" + marker);
        assertThat(cut.path("mdc").path(EventLog.EVENT_ID).asText())
                .hasSize(EventLog.MAX_LENGTH + 1).endsWith("…");
        assertThat(cut.path("mdc").path(EventLog.OUTCOME).asText()).isEqualTo(CascadeMetrics.PERMANENT);
        assertThat(cut.path("message").asText()).hasSizeLessThan(2 * EventLog.MAX_LENGTH + 100);
    }

    @Test
    void theEventsTraceGoesOnIntoTheDatabaseCallsAndTheReply() {
        String traceId = hex(32);
        String parentSpan = hex(16);
        String eventId = id();
        ExtractableResponse<Response> reply = binary(eventId, "ord-" + eventId,
                "00-" + traceId + "-" + parentSpan + "-01").statusCode(200).extract();

        SpanData server = serverSpan(traceId);
        assertThat(server.getParentSpanId()).isEqualTo(parentSpan);
        assertThat(reply.header("ce-traceparent")).isEqualTo("00-" + traceId + "-" + server.getSpanId() + "-01");
        List<SpanData> database = eventually(() -> {
            List<SpanData> found = spans.ofTrace(traceId).stream()
                    .filter(span -> span.getKind() == SpanKind.CLIENT)
                    .filter(span -> span.getAttributes().asMap().keySet().stream()
                            .anyMatch(key -> key.getKey().startsWith("db.")))
                    .toList();
            return found.size() >= 2 ? found : null;
        });
        assertThat(database).allSatisfy(span -> assertThat(span.getParentSpanId()).isEqualTo(server.getSpanId()));
    }

    @Test
    void aStructuredReplyCarriesTheTraceAsAnExtension() {
        String traceId = hex(32);
        String eventId = id();
        JsonNode reply = JSON.valueToTree(given().header("traceparent", "00-" + traceId + "-" + hex(16) + "-01")
                .contentType("application/cloudevents+json")
                .body("""
                        {"specversion":"1.0","id":"%s","source":"%s","type":"%s",
                         "datacontenttype":"application/json","data":%s}"""
                        .formatted(eventId, EventSources.ORDER_SERVICE, EventTypes.INVENTORY_RESERVE_V1,
                                reserve("ord-" + eventId)))
                .post("/").then().statusCode(200).extract().as(Map.class));
        assertThat(reply.path("traceparent").asText()).startsWith("00-" + traceId + "-");
    }

    @Test
    void anEventWithOnlyTheTracingExtensionJoinsItsTrace() {
        String traceId = hex(32);
        String parentSpan = hex(16);
        given().header("ce-specversion", "1.0").header("ce-id", id()).header("ce-source", EventSources.ORDER_SERVICE)
                .header("ce-type", EventTypes.INVENTORY_RESERVE_V1)
                .header("ce-traceparent", "00-" + traceId + "-" + parentSpan + "-01")
                .contentType("application/json").body(reserve("ord-" + id()))
                .post("/").then().statusCode(200);

        assertThat(serverSpan(traceId).getParentSpanId()).isEqualTo(parentSpan);
    }

    // --- helpers ---

    private SpanData serverSpan(String traceId) {
        return eventually(() -> spans.ofTrace(traceId).stream()
                .filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElse(null));
    }

    /** The one line of the JSON log that names {@code marker}, checking that every line is JSON. */
    private static JsonNode single(String marker) {
        return eventually(() -> {
            List<JsonNode> found = new ArrayList<>();
            List<String> lines;
            try {
                lines = Files.readAllLines(LOG, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            for (String text : lines) {
                if (!text.contains(marker)) {
                    continue;
                }
                try {
                    found.add(JSON.readTree(text));
                } catch (IOException e) {
                    throw new AssertionError("not one JSON line: " + text, e);
                }
            }
            if (found.size() > 1) {
                throw new AssertionError("more than one line names " + marker + ": " + found);
            }
            return found.isEmpty() ? null : found.get(0);
        });
    }

    private static PrometheusText scrape() {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    private static double handled(PrometheusText scrape, String type, String outcome) {
        return scrape.value("cascade_events_handled_total", tags(type, outcome));
    }

    private static Map<String, String> tags(String type, String outcome) {
        return Map.of(CascadeMetrics.TAG_SERVICE, SERVICE, CascadeMetrics.TAG_TYPE, type,
                CascadeMetrics.TAG_OUTCOME, outcome);
    }

    private static <T> T eventually(Supplier<T> probe) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            T found = probe.get();
            if (found != null) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not seen within 10 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static io.restassured.response.ValidatableResponse binary(String eventId, String orderId) {
        return binary(eventId, orderId, null);
    }

    private static io.restassured.response.ValidatableResponse binary(String eventId, String orderId,
            String traceparent) {
        var request = given().header("ce-specversion", "1.0").header("ce-id", eventId)
                .header("ce-source", EventSources.ORDER_SERVICE).header("ce-type", EventTypes.INVENTORY_RESERVE_V1);
        if (traceparent != null) {
            request = request.header("traceparent", traceparent);
        }
        return request.contentType("application/json").body(reserve(orderId)).post("/").then();
    }

    private static String reserve(String orderId) {
        return "{\"orderId\":\"%s\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2}]}".formatted(orderId);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static String hex(int length) {
        return UUID.randomUUID().toString().replace("-", "").repeat(2).substring(0, length);
    }

    private static String quote(String text) {
        return java.util.regex.Pattern.quote(text);
    }
}

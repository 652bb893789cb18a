package dev.cascade.order.it;

import static dev.cascade.order.it.Flow.awaitCommand;
import static dev.cascade.order.it.Flow.awaitStatus;
import static dev.cascade.order.it.Flow.binary;
import static dev.cascade.order.it.Flow.newId;
import static dev.cascade.order.it.Flow.place;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Services;
import dev.cascade.contracts.observability.CascadeMetrics;
import dev.cascade.contracts.observability.PrometheusText;
import dev.cascade.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Traces through the outbox and the saga's metrics, with OpenTelemetry on (spans are made, not exported). */
@QuarkusTest
@TestProfile(TelemetryTest.Traced.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RecordingBroker.class)
class TelemetryTest {

    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.exporter.otlp.enabled", "false",
                    "cascade.saga.step-timeout", "3s");
        }
    }

    @Test
    void eventsFromTheOutboxContinueTheTraceOfTheEventThatDecidedThem() {
        String placeTrace = hex(32);
        String orderId = "order-" + newId();
        given().header("ce-specversion", "1.0").header("ce-id", newId())
                .header("ce-source", "urn:cascade:storefront").header("ce-type", EventTypes.ORDER_PLACE_V1)
                .header("traceparent", "00-" + placeTrace + "-" + hex(16) + "-01")
                .contentType("application/json")
                .body(Flow.orderJson("cust-traced").replaceFirst("\\{", "{\"orderId\":\"" + orderId + "\","))
                .post("/").then().statusCode(204);

        assertInTrace(awaitEvent(EventTypes.INVENTORY_RESERVE_V1, orderId), placeTrace);
        assertInTrace(awaitEvent(EventTypes.ORDER_PLACED_V1, orderId), placeTrace);

        // The participant's reply names its trace only as the CloudEvents extension: it is joined all the same.
        String replyTrace = hex(32);
        given().header("ce-specversion", "1.0").header("ce-id", newId())
                .header("ce-source", EventSources.INVENTORY_SERVICE).header("ce-type", EventTypes.INVENTORY_RESERVED_V1)
                .header("ce-traceparent", "00-" + replyTrace + "-" + hex(16) + "-01")
                .contentType("application/json").body("""
                        {"orderId":"%s","reservationId":"res-1","items":[{"sku":"MUG-BLUE","quantity":2}]}"""
                        .formatted(orderId))
                .post("/").then().statusCode(204);
        assertInTrace(awaitEvent(EventTypes.PAYMENT_AUTHORIZE_V1, orderId), replyTrace);
    }

    @Test
    void aTimedOutStepIsCompensatedInTheTraceOfTheSagasLastMove() {
        String trace = hex(32);
        String orderId = given().header("traceparent", "00-" + trace + "-" + hex(16) + "-01")
                .contentType("application/json").body(Flow.orderJson("cust-traced-timeout"))
                .post("/orders").then().statusCode(202).extract().path("orderId");
        assertInTrace(awaitEvent(EventTypes.INVENTORY_RESERVE_V1, orderId), trace);

        // Nobody answers: the sweep gives the step up and releases, with no event to take a trace from.
        assertInTrace(awaitEvent(EventTypes.INVENTORY_RELEASE_V1, orderId), trace);
    }

    @Test
    void eachSagaEndIsTimedOnceByOutcome() {
        PrometheusText before = scrape();
        String confirmed = place("cust-metrics");
        awaitCommand(EventTypes.INVENTORY_RESERVE_V1, confirmed);
        binary(EventTypes.INVENTORY_RESERVED_V1, EventSources.INVENTORY_SERVICE, newId(), """
                {"orderId":"%s","reservationId":"res-m","items":[{"sku":"MUG-BLUE","quantity":2}]}"""
                .formatted(confirmed)).statusCode(204);
        awaitCommand(EventTypes.PAYMENT_AUTHORIZE_V1, confirmed);
        binary(EventTypes.PAYMENT_AUTHORIZED_V1, EventSources.PAYMENT_SERVICE, newId(), """
                {"orderId":"%s","paymentId":"pay-m","amount":"32.90"}""".formatted(confirmed)).statusCode(204);
        awaitCommand(EventTypes.SHIPMENT_SCHEDULE_V1, confirmed);
        String scheduled = newId();
        String scheduledData = """
                {"orderId":"%s","shipmentId":"shp-m","carrier":"DHL"}""".formatted(confirmed);
        binary(EventTypes.SHIPMENT_SCHEDULED_V1, EventSources.SHIPPING_SERVICE, scheduled, scheduledData)
                .statusCode(204);
        awaitStatus(confirmed, "CONFIRMED");
        // The same reply again changes nothing, and is not a second end.
        binary(EventTypes.SHIPMENT_SCHEDULED_V1, EventSources.SHIPPING_SERVICE, scheduled, scheduledData)
                .statusCode(204);

        String cancelled = place("cust-metrics");
        awaitCommand(EventTypes.INVENTORY_RESERVE_V1, cancelled);
        binary(EventTypes.INVENTORY_REJECTED_V1, EventSources.INVENTORY_SERVICE, newId(), """
                {"orderId":"%s","reason":"none left",
                 "shortages":[{"sku":"MUG-BLUE","requested":2,"available":0}]}""".formatted(cancelled))
                .statusCode(204);
        awaitStatus(cancelled, "CANCELLED");

        PrometheusText after = scrape();
        assertThat(ended(after, CascadeMetrics.CONFIRMED) - ended(before, CascadeMetrics.CONFIRMED)).isEqualTo(1);
        assertThat(ended(after, CascadeMetrics.CANCELLED) - ended(before, CascadeMetrics.CANCELLED))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.value("cascade_saga_duration_seconds_sum", Map.of(CascadeMetrics.TAG_OUTCOME,
                CascadeMetrics.CONFIRMED))).isGreaterThan(0);
    }

    @Test
    void theServiceExportsEverySeriesTheDashboardMayQueryAndTheOldestOpenSagaAges() {
        String open = place("cust-open");
        awaitCommand(EventTypes.INVENTORY_RESERVE_V1, open);
        binary(EventTypes.INVENTORY_RESERVED_V1, EventSources.INVENTORY_SERVICE, newId(), """
                {"orderId":"%s","reservationId":"res-o","items":[{"sku":"MUG-BLUE","quantity":2}]}"""
                .formatted(open)).statusCode(204);

        PrometheusText scrape = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(TelemetryTest::scrape,
                        s -> s.value("cascade_saga_oldest_open_age_seconds", Map.of()) > 0
                                && s.value("cascade_saga_open", Map.of()) >= 1);
        for (String series : CascadeMetrics.exportedBy(Services.ORDER_SERVICE)) {
            assertThat(scrape.has(series)).as(series).isTrue();
        }
        assertThat(scrape.value("cascade_events_handled_total", Map.of(CascadeMetrics.TAG_SERVICE,
                Services.ORDER_SERVICE, CascadeMetrics.TAG_TYPE, EventTypes.INVENTORY_RESERVED_V1,
                CascadeMetrics.TAG_OUTCOME, CascadeMetrics.SUCCESS))).isGreaterThanOrEqualTo(1);
    }

    private static void assertInTrace(JsonNode posted, String traceId) {
        assertThat(posted.path("ceTraceparent").asText()).as("ce-traceparent").startsWith("00-" + traceId + "-");
        List<String> headers = Flow.JSON.convertValue(posted.path("traceparent"),
                Flow.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        assertThat(headers).as("traceparent headers").singleElement().asString().startsWith("00-" + traceId + "-");
    }

    private static JsonNode awaitEvent(String type, String orderId) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> Flow.received(type, orderId), list -> !list.isEmpty())
                .get(0);
    }

    private static double ended(PrometheusText scrape, String outcome) {
        return scrape.value("cascade_saga_duration_seconds_count", Map.of(CascadeMetrics.TAG_OUTCOME, outcome));
    }

    private static PrometheusText scrape() {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    private static String hex(int length) {
        return (newId() + newId()).replace("-", "").substring(0, length);
    }
}

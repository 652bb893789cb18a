package dev.cascade.deadletter.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

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
import io.restassured.response.ValidatableResponse;

/** The sink's metrics and the announcement's trace, with OpenTelemetry on (spans are made, not exported). */
@QuarkusTest
@TestProfile(DeadLetterMetricsTest.Traced.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RecordingBrokerResource.class)
class DeadLetterMetricsTest {

    private static final String SERVICE = Services.DEAD_LETTER_SERVICE;
    private static final String TYPE = EventTypes.PAYMENT_AUTHORIZE_V1;

    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.exporter.otlp.enabled", "false");
        }
    }

    RecordingBroker broker;

    @Test
    void aStoredDeadLetterIsCountedByTypeAndCodeOnceAndEveryPostIsAnEventHandled() {
        PrometheusText before = scrape();
        String eventId = UUID.randomUUID().toString();
        deadLetter(eventId, "422").statusCode(202);
        deadLetter(eventId, "422").statusCode(202);
        deadLetter(UUID.randomUUID().toString(), "not a status").statusCode(202);
        given().contentType("application/json").body("{}").post("/").then().statusCode(400);

        PrometheusText after = scrape();
        assertThat(stored(after, TYPE, "422") - stored(before, TYPE, "422")).isEqualTo(1);
        assertThat(stored(after, TYPE, CascadeMetrics.OTHER_CODE) - stored(before, TYPE, CascadeMetrics.OTHER_CODE))
                .isEqualTo(1);
        assertThat(handled(after, TYPE, CascadeMetrics.SUCCESS) - handled(before, TYPE, CascadeMetrics.SUCCESS))
                .isEqualTo(3);
        assertThat(handled(after, CascadeMetrics.UNKNOWN_TYPE, CascadeMetrics.PERMANENT)
                - handled(before, CascadeMetrics.UNKNOWN_TYPE, CascadeMetrics.PERMANENT)).isEqualTo(1);
        for (String series : CascadeMetrics.exportedBy(SERVICE)) {
            assertThat(after.has(series)).as(series).isTrue();
        }
    }

    @Test
    void theAnnouncementCarriesTheTraceOfTheDeadLetterItAnnounces() throws InterruptedException {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String eventId = UUID.randomUUID().toString();
        given().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .header("ce-specversion", "1.0").header("ce-id", eventId)
                .header("ce-source", EventSources.ORDER_SERVICE).header("ce-type", TYPE)
                .header("ce-knativeerrorcode", "500")
                .contentType("application/json").body("{\"orderId\":\"order-1\"}")
                .post("/").then().statusCode(202);

        RecordingBroker.Received announcement = broker.await(
                request -> EventTypes.DEADLETTER_RECORDED_V1.equals(request.header("ce-type"))
                        && new String(request.body()).contains(eventId), Duration.ofSeconds(10))
                .orElseThrow(() -> new AssertionError("no announcement of " + eventId));
        assertThat(announcement.header("ce-traceparent")).startsWith("00-" + traceId + "-");
        assertThat(announcement.header("traceparent")).startsWith("00-" + traceId + "-");
    }

    private static ValidatableResponse deadLetter(String eventId, String code) {
        return given().header("ce-specversion", "1.0").header("ce-id", eventId)
                .header("ce-source", EventSources.ORDER_SERVICE).header("ce-type", TYPE)
                .header("ce-knativeerrordest", "http://payment-service.cascade.svc.cluster.local")
                .header("ce-knativeerrorcode", code)
                .contentType("application/json").body("{\"orderId\":\"order-1\"}")
                .post("/").then();
    }

    private static double stored(PrometheusText scrape, String type, String code) {
        return scrape.value("cascade_deadletters_stored_total",
                Map.of(CascadeMetrics.TAG_TYPE, type, CascadeMetrics.TAG_CODE, code));
    }

    private static double handled(PrometheusText scrape, String type, String outcome) {
        return scrape.value("cascade_events_handled_total", Map.of(CascadeMetrics.TAG_SERVICE, SERVICE,
                CascadeMetrics.TAG_TYPE, type, CascadeMetrics.TAG_OUTCOME, outcome));
    }

    private static PrometheusText scrape() {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }
}

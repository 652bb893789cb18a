package dev.cascade.anomaly.function;

import static dev.cascade.testing.CloudEvents.Encoding.BINARY;
import static dev.cascade.testing.CloudEvents.Encoding.STRUCTURED;
import static dev.cascade.testing.CloudEvents.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.telemetry.AnomalyDetected;
import dev.cascade.contracts.telemetry.AnomalyRule;
import dev.cascade.contracts.telemetry.Severity;
import dev.cascade.contracts.telemetry.WindowClosed;
import dev.cascade.testing.CloudEvents;
import dev.cascade.testing.CloudEvents.Answer;
import dev.cascade.testing.CloudEvents.Encoding;
import dev.cascade.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class WindowClosedTest {

    private static final Instant T0 = Instant.parse("2026-03-14T10:00:00Z");
    /** Ten steady window means around 20 °C: the baseline once they are stored. */
    private static final double[] STEADY = {20.0, 20.2, 19.8, 20.1, 19.9, 20.0, 20.2, 19.8, 20.1, 19.9};

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void windowAboveTheSensorsUpperLimitIsAnsweredWithAnAnomaly(Encoding encoding) {
        String device = device();

        Answer answer = post(encoding, EventTypes.TELEMETRY_WINDOW_CLOSED_V1, window(device, 0, 30.0, 33.0, 36.5));

        assertThat(answer.type()).isEqualTo(EventTypes.TELEMETRY_ANOMALY_DETECTED_V1);
        assertThat(answer.source()).isEqualTo(EventSources.ANOMALY_DETECTOR);
        AnomalyDetected anomaly = as(answer);
        assertThat(anomaly.rule()).isEqualTo(AnomalyRule.OUT_OF_LIMITS);
        assertThat(anomaly.observed()).isEqualTo(36.5);
        assertThat(anomaly.lowerLimit()).isEqualTo(0.0);
        assertThat(anomaly.upperLimit()).isEqualTo(35.0);
        assertThat(anomaly.severity()).isEqualTo(Severity.WARNING);
        assertThat(anomaly.deviceId()).isEqualTo(device);
        assertThat(anomaly.windowStart()).isEqualTo(T0);
        assertThat(anomaly.anomalyId()).startsWith("anm-");
        assertThat(anomaliesOf(device)).containsExactly(anomaly);
    }

    @Test
    void normalWindowIsAnsweredWithNothing() {
        String device = device();

        Answer answer = post(BINARY, EventTypes.TELEMETRY_WINDOW_CLOSED_V1, window(device, 0, 19.0, 20.0, 21.0));

        assertThat(answer.status()).isEqualTo(204);
        assertThat(anomaliesOf(device)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void meanFarFromTheBaselineIsAnAnomalyOnceTenWindowsAreKnown(Encoding encoding) {
        String device = device();
        warmUp(device, STEADY.length);

        Answer answer = post(encoding, EventTypes.TELEMETRY_WINDOW_CLOSED_V1, window(device, STEADY.length, 25.0, 26.0, 27.0));

        AnomalyDetected anomaly = as(answer);
        assertThat(anomaly.rule()).isEqualTo(AnomalyRule.BASELINE_DEVIATION);
        assertThat(anomaly.observed()).isEqualTo(26.0);
        assertThat(anomaly.baselineMean()).isCloseTo(20.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(anomaly.zScore()).isGreaterThan(3.0);
        assertThat(anomaly.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(anomaly.lowerLimit()).isNull();
        assertThat(anomaliesOf(device)).containsExactly(anomaly);
    }

    @Test
    void theSameJumpBeforeTenWindowsOfHistoryIsNotFlagged() {
        String device = device();
        warmUp(device, 9);

        Answer answer = post(BINARY, EventTypes.TELEMETRY_WINDOW_CLOSED_V1, window(device, 9, 25.0, 26.0, 27.0));

        assertThat(answer.status()).isEqualTo(204);
        assertThat(anomaliesOf(device)).isEmpty();
    }

    @Test
    void anomalousWindowsStayOutOfTheBaseline() {
        String device = device();
        warmUp(device, STEADY.length);
        as(post(BINARY, EventTypes.TELEMETRY_WINDOW_CLOSED_V1, window(device, 10, 25.0, 26.0, 27.0)));

        Answer second = post(BINARY, EventTypes.TELEMETRY_WINDOW_CLOSED_V1, window(device, 11, 25.0, 26.0, 27.0));

        assertThat(as(second).baselineMean()).isCloseTo(20.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(anomaliesOf(device)).hasSize(2);
    }

    @Test
    void redeliveredEventAnswersTheSameAnomalyEvent() {
        String device = device();
        String eventId = CloudEvents.newId();
        WindowClosed window = window(device, 0, 30.0, 33.0, 36.5);

        Answer first = post(BINARY, eventId, EventTypes.TELEMETRY_WINDOW_CLOSED_V1, window);
        Answer again = post(STRUCTURED, eventId, EventTypes.TELEMETRY_WINDOW_CLOSED_V1, window);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.data()).isEqualTo(first.data());
        assertThat(anomaliesOf(device)).hasSize(1);
    }

    @Test
    void windowPublishedAgainUnderANewIdAnswersTheRecordedAnomalyAndStoresNothing() {
        String device = device();
        WindowClosed window = window(device, 0, 30.0, 33.0, 36.5);

        AnomalyDetected first = as(post(BINARY, EventTypes.TELEMETRY_WINDOW_CLOSED_V1, window));
        AnomalyDetected again = as(post(BINARY, EventTypes.TELEMETRY_WINDOW_CLOSED_V1,
                window(device, 0, 10.0, 20.0, 40.0)));

        assertThat(again).isEqualTo(first);
        assertThat(anomaliesOf(device)).containsExactly(first);
    }

    @Test
    void normalWindowPublishedAgainDoesNotCountTwiceInTheBaseline() {
        String device = device();
        warmUp(device, 9);
        for (int i = 0; i < 3; i++) {
            Answer again = post(STRUCTURED, EventTypes.TELEMETRY_WINDOW_CLOSED_V1, window(device, 8, 19.7, 19.8, 19.9));
            assertThat(again.status()).isEqualTo(204);
        }

        Answer jump = post(BINARY, EventTypes.TELEMETRY_WINDOW_CLOSED_V1, window(device, 9, 25.0, 26.0, 27.0));

        assertThat(jump.status()).as("nine windows are still too few").isEqualTo(204);
        assertThat(anomaliesOf(device)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void windowWithoutAMeanIsRefusedWith400(Encoding encoding) {
        String device = device();

        Answer answer = post(encoding, EventTypes.TELEMETRY_WINDOW_CLOSED_V1, """
                {"deviceId":"%s","sensorType":"temperature","unit":"celsius","windowStart":"2026-03-14T10:15:00Z",
                 "windowEnd":"2026-03-14T10:16:00Z","count":0,"min":1.0,"max":2.0,"p95":2.0}""".formatted(device));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.data().path("violations").findValuesAsText("pointer")).contains("/count");
        assertThat(anomaliesOf(device)).isEmpty();
    }

    @Test
    void dataThatIsNotJsonIsRefusedWith400() {
        Answer answer = post(BINARY, EventTypes.TELEMETRY_WINDOW_CLOSED_V1, "{\"deviceId\":");

        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void windowEndingBeforeItStartsIsUnprocessable() {
        String device = device();
        WindowClosed backwards = new WindowClosed(device, "temperature", "celsius", T0, T0.minusSeconds(60),
                3, 19.0, 21.0, 20.0, 21.0);

        Answer answer = post(BINARY, EventTypes.TELEMETRY_WINDOW_CLOSED_V1, backwards);

        assertThat(answer.status()).isEqualTo(422);
    }

    @Test
    void listingAnomaliesWithoutADeviceIsABadRequestNamingTheField() {
        given().get("/anomalies").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("deviceId"));
    }

    private static void warmUp(String device, int windows) {
        for (int i = 0; i < windows; i++) {
            Answer answer = post(BINARY, EventTypes.TELEMETRY_WINDOW_CLOSED_V1,
                    window(device, i, STEADY[i] - 0.5, STEADY[i], STEADY[i] + 0.5));
            assertThat(answer.status()).as("warm-up window %d", i).isEqualTo(204);
        }
    }

    private static WindowClosed window(String device, int minute, double min, double mean, double max) {
        Instant start = T0.plusSeconds(60L * minute);
        return new WindowClosed(device, "temperature", "celsius", start, start.plusSeconds(60), 12, min, max, mean, max);
    }

    private static String device() {
        return "probe-" + CloudEvents.newId();
    }

    private static List<AnomalyDetected> anomaliesOf(String device) {
        JsonNode list = CloudEvents.JSON.valueToTree(given().queryParam("deviceId", device).get("/anomalies")
                .then().statusCode(200).contentType("application/json").extract().as(Object.class));
        try {
            return List.of(CloudEvents.JSON.treeToValue(list, AnomalyDetected[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(list.toString(), e);
        }
    }

    private static AnomalyDetected as(Answer answer) {
        assertThat(answer.status()).as("status of %s", answer.data()).isEqualTo(200);
        assertThat(answer.type()).isEqualTo(EventTypes.TELEMETRY_ANOMALY_DETECTED_V1);
        try {
            return CloudEvents.JSON.treeToValue(answer.data(), AnomalyDetected.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(answer.data() + " is not an AnomalyDetected", e);
        }
    }
}

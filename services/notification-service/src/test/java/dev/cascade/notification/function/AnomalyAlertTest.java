package dev.cascade.notification.function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class AnomalyAlertTest {

    @Test
    void anomalyIsAlertedToTheOperatorsOnceThoughDeliveredInBothEncodings() {
        String anomalyId = newAnomalyId();
        String event = UUID.randomUUID().toString();
        String data = outOfLimits(anomalyId);

        binary(event, data).statusCode(204);
        structured(event, data).statusCode(204);

        alerts(anomalyId)
                .body("", hasSize(1))
                .body("[0].kind", equalTo("ANOMALY_DETECTED"))
                .body("[0].anomalyId", equalTo(anomalyId))
                .body("[0].orderId", nullValue())
                .body("[0].recipient", equalTo("operators@cascade.dev"))
                .body("[0].subject", equalTo("WARNING anomaly on greenhouse-7-probe-3 temperature at 2026-03-14T10:15:00Z"));
    }

    @Test
    void theSameAnomalyInAnotherEventIsNotAlertedAgain() {
        String anomalyId = newAnomalyId();

        binary(UUID.randomUUID().toString(), outOfLimits(anomalyId)).statusCode(204);
        structured(UUID.randomUUID().toString(), outOfLimits(anomalyId)).statusCode(204);

        alerts(anomalyId).body("", hasSize(1));
    }

    @Test
    void baselineDeviationIsAlertedWithItsZScore() {
        String anomalyId = newAnomalyId();

        binary(UUID.randomUUID().toString(), """
                {"anomalyId":"%s","deviceId":"greenhouse-7-probe-3","sensorType":"temperature","unit":"celsius",
                 "windowStart":"2026-03-14T10:15:00Z","windowEnd":"2026-03-14T10:16:00Z","rule":"BASELINE_DEVIATION",
                 "observed":30.55,"baselineMean":22.4,"zScore":4.1,"severity":"CRITICAL"}""".formatted(anomalyId))
                .statusCode(204);

        alerts(anomalyId).body("", hasSize(1)).body("[0].subject", containsString("CRITICAL anomaly"));
    }

    @Test
    void anomalyBreakingTheSchemaIsAnswered400AndAlertsNobody() {
        String anomalyId = newAnomalyId();

        binary(UUID.randomUUID().toString(), """
                {"anomalyId":"%s","deviceId":"greenhouse-7-probe-3","sensorType":"temperature","unit":"celsius",
                 "windowStart":"2026-03-14T10:15:00Z","windowEnd":"2026-03-14T10:16:00Z","rule":"OUT_OF_LIMITS",
                 "observed":31.8}""".formatted(anomalyId))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.pointer", hasItem("/severity"));

        alerts(anomalyId).body("", empty());
    }

    private static String outOfLimits(String anomalyId) {
        return """
                {"anomalyId":"%s","deviceId":"greenhouse-7-probe-3","sensorType":"temperature","unit":"celsius",
                 "windowStart":"2026-03-14T10:15:00Z","windowEnd":"2026-03-14T10:16:00Z","rule":"OUT_OF_LIMITS",
                 "observed":31.8,"lowerLimit":5.0,"upperLimit":30.0,"severity":"WARNING"}""".formatted(anomalyId);
    }

    private static String newAnomalyId() {
        return "anm-" + UUID.randomUUID();
    }

    private static ValidatableResponse alerts(String anomalyId) {
        return given().queryParam("anomalyId", anomalyId).get("/notifications").then().statusCode(200);
    }

    private static ValidatableResponse binary(String id, String data) {
        return given().header("ce-specversion", "1.0").header("ce-id", id)
                .header("ce-source", EventSources.ANOMALY_DETECTOR)
                .header("ce-type", EventTypes.TELEMETRY_ANOMALY_DETECTED_V1)
                .contentType("application/json").body(data).post("/").then();
    }

    private static ValidatableResponse structured(String id, String data) {
        return given().contentType("application/cloudevents+json")
                .body("""
                        {"specversion":"1.0","id":"%s","source":"%s","type":"%s",
                         "datacontenttype":"application/json","data":%s}"""
                        .formatted(id, EventSources.ANOMALY_DETECTOR, EventTypes.TELEMETRY_ANOMALY_DETECTED_V1, data))
                .post("/").then();
    }
}

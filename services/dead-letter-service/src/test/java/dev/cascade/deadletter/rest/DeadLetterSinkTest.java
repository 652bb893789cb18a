package dev.cascade.deadletter.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RecordingBrokerResource.class)
class DeadLetterSinkTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SUBSCRIBER = "http://notification-service.cascade.svc.cluster.local";
    private static final ObjectMapper JSON = new ObjectMapper();

    RecordingBroker broker;

    @Test
    void binaryDeadLetterIsStoredWithKnativesErrorAttributes() {
        String eventId = UUID.randomUUID().toString();
        String type = uniqueType();
        String problem = "{\"status\":422,\"detail\":\"order unknown\"}";

        binary(eventId, type, "application/json", "{\"orderId\":\"order-1\"}".getBytes(StandardCharsets.UTF_8))
                .header("ce-knativeerrordest", SUBSCRIBER)
                .header("ce-knativeerrorcode", "422")
                .header("ce-knativeerrordata", base64(problem))
                .post("/").then().statusCode(202).body(emptyOrNullString());

        String id = listed(type)
                .body("", hasSize(1))
                .body("[0].source", equalTo(EventSources.ORDER_SERVICE))
                .body("[0].type", equalTo(type))
                .body("[0].knativeerrorcode", equalTo("422"))
                .body("[0].knativeerrordest", equalTo(SUBSCRIBER))
                .body("[0].receivedAt", notNullValue())
                .extract().path("[0].id");
        given().get("/dead-letters/{id}", id).then().statusCode(200)
                .body("eventId", equalTo(eventId))
                .body("attributes.id", equalTo(eventId))
                .body("attributes.specversion", equalTo("1.0"))
                .body("attributes.subject", equalTo("order-1"))
                .body("extensions.knativeerrordata", equalTo(base64(problem)))
                .body("knativeerrordata", equalTo(base64(problem)))
                .body("knativeerrordataText", equalTo(problem))
                .body("datacontenttype", equalTo("application/json"))
                .body("dataEncoding", equalTo("text"))
                .body("data", equalTo("{\"orderId\":\"order-1\"}"))
                .body("redriveCount", equalTo(0))
                .body("redrivenAt", nullValue());
    }

    @Test
    void structuredDeadLetterIsStoredWithKnativesErrorAttributes() {
        String eventId = UUID.randomUUID().toString();
        String type = uniqueType();

        given().contentType("application/cloudevents+json; charset=utf-8")
                .body("""
                        {"specversion":"1.0","id":"%s","source":"%s","type":"%s",
                         "datacontenttype":"application/json","data":{"orderId":"order-2"},
                         "knativeerrordest":"%s","knativeerrorcode":"500",
                         "knativeerrordata":"%s","knativearrivaltime":"2026-03-14T09:27:34.8Z"}"""
                        .formatted(eventId, EventSources.ORDER_SERVICE, type, SUBSCRIBER,
                                base64("dispatch error: connection refused")))
                .post("/").then().statusCode(202);

        String id = listed(type).body("", hasSize(1))
                .body("[0].knativeerrorcode", equalTo("500"))
                .body("[0].knativeerrordest", equalTo(SUBSCRIBER))
                .extract().path("[0].id");
        given().get("/dead-letters/{id}", id).then().statusCode(200)
                .body("attributes.id", equalTo(eventId))
                .body("extensions.knativearrivaltime", equalTo("2026-03-14T09:27:34.8Z"))
                .body("knativeerrordataText", equalTo("dispatch error: connection refused"))
                .body("dataEncoding", equalTo("text"))
                .body("data", containsString("order-2"));
    }

    @Test
    void binaryDataThatIsNotJsonIsKeptByteForByte() {
        byte[] poison = new byte[256];
        for (int i = 0; i < poison.length; i++) {
            poison[i] = (byte) i;
        }
        String type = uniqueType();
        binary(UUID.randomUUID().toString(), type, "application/octet-stream", poison)
                .header("ce-knativeerrordest", SUBSCRIBER).header("ce-knativeerrorcode", "400")
                .post("/").then().statusCode(202);

        given().get("/dead-letters/{id}", onlyId(type)).then().statusCode(200)
                .body("datacontenttype", equalTo("application/octet-stream"))
                .body("dataEncoding", equalTo("base64"))
                .body("data", equalTo(Base64.getEncoder().encodeToString(poison)));
    }

    @Test
    void poisonEventAnnouncedAsJsonIsKeptAsItCame() {
        String type = uniqueType();
        String poison = "{\"orderId\": \"order-3\", oops   \n";
        binary(UUID.randomUUID().toString(), type, "application/json", poison.getBytes(StandardCharsets.UTF_8))
                .header("ce-knativeerrordest", SUBSCRIBER).header("ce-knativeerrorcode", "400")
                .post("/").then().statusCode(202);

        given().get("/dead-letters/{id}", onlyId(type)).then().statusCode(200)
                .body("dataEncoding", equalTo("text"))
                .body("data", equalTo(poison));
    }

    @Test
    void structuredBase64DataIsKeptByteForByte() {
        byte[] data = {(byte) 0xCA, (byte) 0xFE, 0x00, (byte) 0xBA, (byte) 0xBE};
        String type = uniqueType();
        given().contentType("application/cloudevents+json")
                .body("""
                        {"specversion":"1.0","id":"%s","source":"%s","type":"%s",
                         "datacontenttype":"application/vnd.cascade.blob","data_base64":"%s"}"""
                        .formatted(UUID.randomUUID(), EventSources.ORDER_SERVICE, type,
                                Base64.getEncoder().encodeToString(data)))
                .post("/").then().statusCode(202);

        given().get("/dead-letters/{id}", onlyId(type)).then().statusCode(200)
                .body("knativeerrorcode", nullValue())
                .body("dataEncoding", equalTo("base64"))
                .body("data", equalTo(Base64.getEncoder().encodeToString(data)));
    }

    @Test
    void nulCharactersInAttributesAreStoredAsReplacementCharacters() {
        String type = uniqueType();
        binary("id%00" + UUID.randomUUID(), type, "text/plain", "x".getBytes(StandardCharsets.UTF_8))
                .header("ce-subject", "order%001").header("ce-myext", "a%00b")
                .post("/").then().statusCode(202);

        given().get("/dead-letters/{id}", onlyId(type)).then().statusCode(200)
                .body("eventId", containsString("id\uFFFD"))
                .body("attributes.subject", equalTo("order\uFFFD1"))
                .body("extensions.myext", equalTo("a\uFFFDb"));
    }

    @Test
    void sameDeadLetterDeliveredAgainIsStoredOnce() {
        String eventId = UUID.randomUUID().toString();
        String type = uniqueType();
        byte[] data = "{}".getBytes(StandardCharsets.UTF_8);
        binary(eventId, type, "application/json", data).header("ce-knativeerrordest", SUBSCRIBER)
                .header("ce-knativeerrorcode", "503").post("/").then().statusCode(202);
        given().contentType("application/cloudevents+json")
                .body("""
                        {"specversion":"1.0","id":"%s","source":"%s","type":"%s","subject":"order-1",
                         "data":{},"knativeerrordest":"%s","knativeerrorcode":"503"}"""
                        .formatted(eventId, EventSources.ORDER_SERVICE, type, SUBSCRIBER))
                .post("/").then().statusCode(202);

        listed(type).body("", hasSize(1));
    }

    @Test
    void sameEventDeadLetteredByTwoTriggersIsStoredTwice() {
        String eventId = UUID.randomUUID().toString();
        String type = uniqueType();
        byte[] data = "{}".getBytes(StandardCharsets.UTF_8);
        binary(eventId, type, "application/json", data).header("ce-knativeerrordest", SUBSCRIBER)
                .post("/").then().statusCode(202);
        binary(eventId, type, "application/json", data).header("ce-knativeerrordest", "http://order-service.cascade")
                .post("/").then().statusCode(202);
        binary(eventId, type, "application/json", data).post("/").then().statusCode(202);
        binary(eventId, type, "application/json", data).post("/").then().statusCode(202);

        listed(type).body("", hasSize(3));
    }

    @Test
    void requestThatIsNotACloudEventIsAnswered400() {
        given().contentType("application/json").body("{\"orderId\":\"order-1\"}").post("/").then()
                .statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("not a CloudEvent"));
        given().header("ce-specversion", "9.9").header("ce-id", "x").header("ce-source", "/x").header("ce-type", "x")
                .contentType("application/json").body("{}").post("/").then().statusCode(400);
        given().header("ce-specversion", "1.0").header("ce-source", "/x").header("ce-type", "x")
                .contentType("application/json").body("{}").post("/").then().statusCode(400);
        given().contentType("application/cloudevents+json").body("{\"specversion\":\"1.0\"").post("/").then()
                .statusCode(400);
        given().contentType("application/cloudevents-batch+json").body("[]").post("/").then().statusCode(400);
    }

    @Test
    void storedDeadLetterIsAnnouncedToTheBroker() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String type = uniqueType();
        binary(eventId, type, "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                .header("ce-knativeerrordest", SUBSCRIBER).header("ce-knativeerrorcode", "422")
                .post("/").then().statusCode(202);
        String id = onlyId(type);

        RecordingBroker.Received announcement = broker.await(
                request -> EventTypes.DEADLETTER_RECORDED_V1.equals(request.header("ce-type"))
                        && data(request).path("eventId").asText().equals(eventId), WAIT)
                .orElseThrow(() -> new AssertionError("no announcement of " + eventId + ": " + broker.received()));

        assertThat(announcement.path()).isEqualTo("/cascade/default");
        assertThat(announcement.header("ce-specversion")).isEqualTo("1.0");
        assertThat(announcement.header("ce-source")).isEqualTo(EventSources.DEAD_LETTER_SERVICE);
        assertThat(announcement.header("ce-id")).isNotBlank();
        assertThat(announcement.header("content-type")).isEqualTo("application/json");
        JsonNode data = data(announcement);
        assertThat(data.path("deadLetterId").asText()).isEqualTo(id);
        assertThat(data.path("eventSource").asText()).isEqualTo(EventSources.ORDER_SERVICE);
        assertThat(data.path("eventType").asText()).isEqualTo(type);
        assertThat(data.path("errorCode").asInt()).isEqualTo(422);
        assertThat(data.path("errorDest").asText()).isEqualTo(SUBSCRIBER);
    }

    @Test
    void undeliverableAnnouncementIsStoredButNotAnnouncedAgain() throws Exception {
        String loopId = UUID.randomUUID().toString();
        given().header("ce-specversion", "1.0").header("ce-id", loopId)
                .header("ce-source", EventSources.DEAD_LETTER_SERVICE)
                .header("ce-type", EventTypes.DEADLETTER_RECORDED_V1)
                .header("ce-knativeerrordest", SUBSCRIBER).header("ce-knativeerrorcode", "503")
                .contentType("application/json").body("{\"deadLetterId\":\"dl-1\"}")
                .post("/").then().statusCode(202);
        // A dead letter stored after it: once its announcement is in, the first one would have been too.
        String laterId = UUID.randomUUID().toString();
        binary(laterId, uniqueType(), "application/json", "{}".getBytes(StandardCharsets.UTF_8)).post("/").then()
                .statusCode(202);
        broker.await(request -> data(request).path("eventId").asText().equals(laterId), WAIT)
                .orElseThrow(() -> new AssertionError("no announcement of " + laterId));

        listed(EventTypes.DEADLETTER_RECORDED_V1).body("eventId", hasItem(loopId));
        assertThat(broker.received()).noneMatch(request -> data(request).path("eventId").asText().equals(loopId));
    }

    /**
     * The loop the notify-deadletter-recorded Trigger could start: notification-service fails on an operator alert
     * for good (422), Knative dead-letters the alert here, and announcing that dead letter would send a new alert
     * to the same failing subscriber, and so on forever. It is stored, listed and inspectable, and never announced.
     */
    @Test
    void alertNotificationServiceCouldNotHandleIsStoredButNeverAnnounced() throws Exception {
        String alertId = UUID.randomUUID().toString();
        given().contentType("application/cloudevents+json")
                .body("""
                        {"specversion":"1.0","id":"%s","source":"%s","type":"%s",
                         "datacontenttype":"application/json",
                         "data":{"deadLetterId":"dl-0001","eventId":"%s","eventSource":"%s","eventType":"%s",
                                 "errorCode":500,"errorDest":"%s","receivedAt":"2026-03-14T09:27:34.880Z"},
                         "knativeerrordest":"%s","knativeerrorcode":"422"}"""
                        .formatted(alertId, EventSources.DEAD_LETTER_SERVICE, EventTypes.DEADLETTER_RECORDED_V1,
                                UUID.randomUUID(), EventSources.ORDER_SERVICE, EventTypes.ORDER_CONFIRMED_V1,
                                SUBSCRIBER, SUBSCRIBER))
                .post("/").then().statusCode(202);
        // A dead letter stored after it: once its announcement is in, the alert's would have been too.
        String laterId = UUID.randomUUID().toString();
        binary(laterId, uniqueType(), "application/json", "{}".getBytes(StandardCharsets.UTF_8)).post("/").then()
                .statusCode(202);
        broker.await(request -> data(request).path("eventId").asText().equals(laterId), WAIT)
                .orElseThrow(() -> new AssertionError("no announcement of " + laterId));

        String id = listed(EventTypes.DEADLETTER_RECORDED_V1)
                .extract().path("find { it.eventId == '%s' }.id".formatted(alertId));
        given().get("/dead-letters/{id}", id).then().statusCode(200)
                .body("source", equalTo(EventSources.DEAD_LETTER_SERVICE))
                .body("knativeerrorcode", equalTo("422"))
                .body("knativeerrordest", equalTo(SUBSCRIBER));
        assertThat(broker.received()).noneMatch(request -> data(request).path("eventId").asText().equals(alertId));
    }

    @Test
    void redrivePostsTheOriginalEventWithoutKnativeErrorAttributes() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String type = uniqueType();
        byte[] data = {'n', 'o', 't', ' ', 'j', 's', 'o', 'n', 0x00, (byte) 0xFF};
        binary(eventId, type, "application/octet-stream", data)
                .header("ce-subject", "Bestellung%20f%C3%BCr%20Z%C3%BCrich")
                .header("ce-time", "2026-03-14T09:26:52.75Z")
                .header("ce-traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .header("ce-knativeerrordest", SUBSCRIBER).header("ce-knativeerrorcode", "500")
                .header("ce-knativeerrordata", base64("boom"))
                .post("/").then().statusCode(202);
        String id = onlyId(type);

        given().post("/dead-letters/{id}/redrive", id).then().statusCode(202)
                .body("id", equalTo(id))
                .body("redriveCount", equalTo(1))
                .body("redrivenAt", notNullValue());

        RecordingBroker.Received redriven = broker.await(request -> eventId.equals(request.header("ce-id")), WAIT)
                .orElseThrow(() -> new AssertionError("the broker got no redriven " + eventId));
        assertThat(redriven.path()).isEqualTo("/cascade/default");
        assertThat(redriven.header("ce-specversion")).isEqualTo("1.0");
        assertThat(redriven.header("ce-type")).isEqualTo(type);
        assertThat(redriven.header("ce-source")).isEqualTo(EventSources.ORDER_SERVICE);
        assertThat(redriven.header("ce-subject")).isEqualTo("Bestellung%20f%C3%BCr%20Z%C3%BCrich");
        assertThat(redriven.header("ce-time")).isEqualTo("2026-03-14T09:26:52.75Z");
        assertThat(redriven.header("ce-traceparent")).isEqualTo(
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(redriven.header("content-type")).isEqualTo("application/octet-stream");
        assertThat(redriven.headers().keySet()).noneMatch(name -> name.startsWith("ce-knativeerror"));
        assertThat(redriven.body()).isEqualTo(data);

        given().post("/dead-letters/{id}/redrive", id).then().statusCode(202).body("redriveCount", equalTo(2));
        given().get("/dead-letters/{id}", id).then().statusCode(200)
                .body("redriveCount", equalTo(2))
                .body("redrivenAt", notNullValue())
                .body("knativeerrorcode", equalTo("500"));
    }

    @Test
    void redriveIsRetriedWhileTheBrokerIsUnavailable() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String type = uniqueType();
        binary(eventId, type, "application/json", "{}".getBytes(StandardCharsets.UTF_8)).post("/").then()
                .statusCode(202);
        broker.answer(eventId, 503, 503);

        given().post("/dead-letters/{id}/redrive", onlyId(type)).then().statusCode(202)
                .body("redriveCount", equalTo(1));

        assertThat(broker.received()).filteredOn(request -> eventId.equals(request.header("ce-id"))).hasSize(3);
    }

    @Test
    void redriveTheBrokerRefusesIsAnswered502AndNotCounted() {
        String eventId = UUID.randomUUID().toString();
        String type = uniqueType();
        binary(eventId, type, "application/json", "{}".getBytes(StandardCharsets.UTF_8)).post("/").then()
                .statusCode(202);
        String id = onlyId(type);
        broker.answer(eventId, 400);

        given().post("/dead-letters/{id}/redrive", id).then().statusCode(502)
                .contentType("application/problem+json")
                .body("detail", containsString("400"));

        given().get("/dead-letters/{id}", id).then().body("redriveCount", equalTo(0));
        assertThat(broker.received()).filteredOn(request -> eventId.equals(request.header("ce-id"))).hasSize(1);
    }

    @Test
    void readinessProbeIsServedBesideTheSink() {
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void redriveOfAnUnknownDeadLetterIsAnswered404() {
        given().post("/dead-letters/{id}/redrive", "no-such-id").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/dead-letters/{id}", "no-such-id").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void listIsNewestFirst() {
        String type = uniqueType();
        List<String> eventIds = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        for (String eventId : eventIds) {
            binary(eventId, type, "text/plain", eventId.getBytes(StandardCharsets.UTF_8)).post("/").then()
                    .statusCode(202);
        }
        List<String> ids = listed(type).extract().jsonPath().getList("id");
        assertThat(ids).hasSize(2);
        given().get("/dead-letters/{id}", ids.get(0)).then().body("eventId", equalTo(eventIds.get(1)));
        given().get("/dead-letters?limit=0").then().statusCode(400);
    }

    private static RequestSpecification binary(String eventId, String type, String contentType, byte[] data) {
        // Sent as given: the content type is part of the event, and the sink keeps it as it came.
        return given().config(RestAssured.config().encoderConfig(
                        EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("ce-specversion", "1.0").header("ce-id", eventId)
                .header("ce-source", EventSources.ORDER_SERVICE).header("ce-type", type)
                .header("ce-subject", "order-1")
                .contentType(contentType).body(data);
    }

    private static ValidatableResponse listed(String type) {
        return given().queryParam("type", type).get("/dead-letters").then().statusCode(200);
    }

    private static String onlyId(String type) {
        return listed(type).body("", hasSize(1)).extract().path("[0].id");
    }

    /** Each test dead-letters events of its own type, so that listing by type sees only its own. */
    private static String uniqueType() {
        return "test.poison." + UUID.randomUUID();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode data(RecordingBroker.Received request) {
        try {
            return JSON.readTree(request.body());
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}

package dev.cascade.order.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.ValidatableResponse;

/** What the tests do as a storefront, as the participants and as the broker would. */
final class Flow {

    static final ObjectMapper JSON = new ObjectMapper();

    private Flow() {
    }

    static String orderJson(String customerId) {
        return orderJson(customerId, "DE", 2);
    }

    static String orderJson(String customerId, String country, int quantity) {
        return """
                {"customerId":"%s",
                 "items":[{"sku":"MUG-BLUE","quantity":%d,"unitPrice":"12.50"},
                          {"sku":"TEA-EARLGREY-250","quantity":1,"unitPrice":"7.90"}],
                 "payment":{"method":"card","token":"tok_4f9d2c7a1e"},
                 "shippingAddress":{"name":"Ada Lovelace","line1":"12 Harbour Street","city":"Hamburg",
                                    "postalCode":"20457","country":"%s"}}"""
                .formatted(customerId, quantity, country);
    }

    /** Places an order through the REST API; answers its id. */
    static String place(String customerId) {
        return given().contentType("application/json").body(orderJson(customerId))
                .post("/orders").then().statusCode(202).extract().path("orderId");
    }

    static ValidatableResponse binary(String type, String source, String eventId, String data) {
        return given().header("ce-specversion", "1.0").header("ce-id", eventId).header("ce-source", source)
                .header("ce-type", type).contentType("application/json").body(data).post("/").then();
    }

    static ValidatableResponse structured(String type, String source, String eventId, String data) {
        return given().contentType("application/cloudevents+json")
                .body("""
                        {"specversion":"1.0","id":"%s","source":"%s","type":"%s",
                         "datacontenttype":"application/json","data":%s}"""
                        .formatted(eventId, source, type, data))
                .post("/").then();
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Every event the relay has posted to the broker so far. */
    static List<JsonNode> received() {
        String body = given().baseUri(ConfigProvider.getConfig().getValue(RecordingBroker.URL_PROPERTY, String.class))
                .get("/received").then().statusCode(200).extract().asString();
        try {
            return List.copyOf(JSON.readValue(body, JSON.getTypeFactory()
                    .constructCollectionType(List.class, JsonNode.class)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The events of {@code type} about {@code orderId} that reached the broker. */
    static List<JsonNode> received(String type, String orderId) {
        return received().stream()
                .filter(e -> e.path("type").asText().equals(type))
                .filter(e -> e.path("data").path("orderId").asText().equals(orderId))
                .toList();
    }

    /** The types that reached the broker about {@code orderId}, in arrival order. */
    static List<String> typesFor(String orderId) {
        return received().stream()
                .filter(e -> e.path("data").path("orderId").asText().equals(orderId))
                .map(e -> e.path("type").asText())
                .toList();
    }

    /** Waits until the broker has an event of {@code type} about {@code orderId}; answers its data. */
    static JsonNode awaitCommand(String type, String orderId) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> received(type, orderId), list -> !list.isEmpty())
                .get(0).path("data");
    }

    static void refuseNextPosts(int count) {
        given().baseUri(ConfigProvider.getConfig().getValue(RecordingBroker.URL_PROPERTY, String.class))
                .post("/refuse?n=" + count).then().statusCode(204);
    }

    /**
     * Makes the broker keep the next post of {@code type} whose data contains {@code text} open until
     * {@link #releaseHeldPost()}.
     */
    static void holdNextPost(String type, String text) {
        given().baseUri(ConfigProvider.getConfig().getValue(RecordingBroker.URL_PROPERTY, String.class))
                .queryParam("type", type).queryParam("containing", text)
                .post("/hold").then().statusCode(204);
    }

    static void releaseHeldPost() {
        given().baseUri(ConfigProvider.getConfig().getValue(RecordingBroker.URL_PROPERTY, String.class))
                .post("/release").then().statusCode(204);
    }

    static String status(String orderId) {
        return given().get("/orders/" + orderId).then().statusCode(200).extract().path("status");
    }

    static void awaitStatus(String orderId, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> status(orderId), status::equals);
    }
}

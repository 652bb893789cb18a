package dev.cascade.shipping.function;

import static io.restassured.RestAssured.given;

import java.util.List;

/** The shipments of an order, read through the service's REST API. */
final class Shipments {

    record View(String shipmentId, String orderId, String carrier, String trackingNumber, String status) {
    }

    private Shipments() {
    }

    static List<View> of(String orderId) {
        return given().queryParam("orderId", orderId).get("/shipments")
                .then().statusCode(200).contentType("application/json")
                .extract().jsonPath().getList(".", View.class);
    }
}

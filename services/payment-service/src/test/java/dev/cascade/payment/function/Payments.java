package dev.cascade.payment.function;

import static io.restassured.RestAssured.given;

import java.util.List;

/** The payments of an order, read through the service's REST API. */
final class Payments {

    record View(String paymentId, String orderId, String amount, String status) {
    }

    private Payments() {
    }

    static List<View> of(String orderId) {
        return given().queryParam("orderId", orderId).get("/payments")
                .then().statusCode(200).contentType("application/json")
                .extract().jsonPath().getList(".", View.class);
    }
}

package dev.cascade.shipping.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import dev.cascade.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ShipmentResourceTest {

    @Test
    void readinessIsUpOnceTheDatabaseAnswers() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void anOrderWithoutShipmentsHasAnEmptyList() {
        given().queryParam("orderId", "order-without-shipment").get("/shipments")
                .then().statusCode(200)
                .contentType("application/json")
                .body("$", hasSize(0));
    }

    @Test
    void withoutAnOrderIdTheRequestIsABadRequestNamingTheField() {
        given().get("/shipments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo("orderId"));
    }
}

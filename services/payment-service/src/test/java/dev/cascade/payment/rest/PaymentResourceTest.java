package dev.cascade.payment.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import dev.cascade.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class PaymentResourceTest {

    @Test
    void readinessIsUpOnceTheDatabaseAnswers() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void anOrderWithoutPaymentsHasAnEmptyList() {
        given().queryParam("orderId", "order-without-payment").get("/payments")
                .then().statusCode(200)
                .contentType("application/json")
                .body("$", hasSize(0));
    }

    @Test
    void withoutAnOrderIdTheRequestIsABadRequestNamingTheField() {
        given().get("/payments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo("orderId"));
    }
}

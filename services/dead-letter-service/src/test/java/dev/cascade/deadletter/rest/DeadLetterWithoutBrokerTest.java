package dev.cascade.deadletter.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.EventSources;
import dev.cascade.testing.PostgresTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.specification.RequestSpecification;

/** Without K_SINK (no SinkBinding): dead letters are still stored, but nothing can be redriven. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class DeadLetterWithoutBrokerTest {

    @Test
    void deadLetterIsStoredButRedriveIsAnswered409() {
        String type = "test.poison." + UUID.randomUUID();
        deadLetter(UUID.randomUUID().toString(), type).post("/").then().statusCode(202);
        String id = given().queryParam("type", type).get("/dead-letters").then().statusCode(200)
                .body("", hasSize(1)).extract().path("[0].id");

        given().post("/dead-letters/{id}/redrive", id).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("K_SINK"));
        given().get("/dead-letters/{id}", id).then().body("redriveCount", equalTo(0));
    }

    @Test
    void storageFailureIsAnswered5xxSoTheBrokerRetries() throws Throwable {
        String eventId = UUID.randomUUID().toString();
        String type = "test.poison." + UUID.randomUUID();
        sql("alter table dead_letter rename to dead_letter_away");
        try {
            deadLetter(eventId, type).post("/").then().statusCode(greaterThanOrEqualTo(500));
        } finally {
            sql("alter table dead_letter_away rename to dead_letter");
        }

        deadLetter(eventId, type).post("/").then().statusCode(202);
        given().queryParam("type", type).get("/dead-letters").then().body("", hasSize(1));
    }

    private static RequestSpecification deadLetter(String eventId, String type) {
        return given().header("ce-specversion", "1.0").header("ce-id", eventId)
                .header("ce-source", EventSources.ORDER_SERVICE).header("ce-type", type)
                .header("ce-knativeerrorcode", "422").contentType("text/plain").body("poison");
    }

    private static void sql(String statement) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> Panache.getSession().chain(session -> session.createNativeQuery(statement).executeUpdate())));
    }
}

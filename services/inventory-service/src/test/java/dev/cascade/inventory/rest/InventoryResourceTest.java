package dev.cascade.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cascade.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class InventoryResourceTest {

    @Test
    void readinessIsUpOnceTheDatabaseAnswers() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theSeededCatalogIsServed() {
        given().get("/inventory/{sku}", "SKU-ESPRESSO-CUPS").then().statusCode(200)
                .contentType("application/json")
                .body("sku", equalTo("SKU-ESPRESSO-CUPS"))
                .body("available", equalTo(500))
                .body("reserved", equalTo(0));
        given().get("/inventory/{sku}", "SKU-SOLD-OUT").then().statusCode(200)
                .body("available", equalTo(0));
    }

    @Test
    void unknownSkuIsNotFoundAsAProblem() {
        given().get("/inventory/{sku}", "NO-SUCH-SKU").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("NO-SUCH-SKU"));
    }

    @Test
    void putCreatesASkuAndThenSetsItsAvailableStock() {
        String sku = newSku();

        given().contentType("application/json").body("{\"available\": 12}").put("/inventory/{sku}", sku)
                .then().statusCode(200)
                .body("sku", equalTo(sku))
                .body("available", equalTo(12))
                .body("reserved", equalTo(0));
        given().contentType("application/json").body("{\"available\": 0}").put("/inventory/{sku}", sku)
                .then().statusCode(200)
                .body("available", equalTo(0));
        given().get("/inventory/{sku}", sku).then().statusCode(200)
                .body("available", equalTo(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"available\": -1}", "{\"available\": 1.5}", "{\"available\": \"ten\"}",
            "{\"available\": 3000000000}", "{}", "[]", "not json"})
    void availableThatIsNotANonNegativeIntegerIsABadRequestNamingTheField(String body) {
        String sku = newSku();

        given().contentType("application/json").body(body).put("/inventory/{sku}", sku)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo("available"));
        given().get("/inventory/{sku}", sku).then().statusCode(404);
    }

    @Test
    void skuOutsideTheContractsPatternIsABadRequestNamingTheField() {
        given().contentType("application/json").body("{\"available\": 1}").put("/inventory/{sku}", "lower-case")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("sku"));
    }

    private static String newSku() {
        return "R-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}

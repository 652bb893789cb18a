package dev.cascade.inventory.function;

import static io.restassured.RestAssured.given;

import java.util.UUID;

/** Stock set up and read through the service's REST API, each test on SKUs of its own. */
final class Shelves {

    record Level(int available, int reserved) {
    }

    private Shelves() {
    }

    /** A SKU nobody else uses, with {@code available} units. */
    static String stocked(int available) {
        String sku = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        set(sku, available);
        return sku;
    }

    static void set(String sku, int available) {
        given().contentType("application/json").body("{\"available\":" + available + "}")
                .put("/inventory/{sku}", sku).then().statusCode(200);
    }

    static Level level(String sku) {
        var body = given().get("/inventory/{sku}", sku).then().statusCode(200).extract().jsonPath();
        return new Level(body.getInt("available"), body.getInt("reserved"));
    }
}

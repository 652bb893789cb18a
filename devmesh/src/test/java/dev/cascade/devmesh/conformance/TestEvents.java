package dev.cascade.devmesh.conformance;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.specification.RequestSpecification;

/** The events the conformance tests send: binary mode, a small JSON body, a fresh id each. */
final class TestEvents {

    private TestEvents() {
    }

    static RequestSpecification binary(String type, String id) {
        return given()
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-source", "/tests")
                .header("ce-type", type)
                .contentType("application/json")
                .body("{\"n\":1}");
    }

    static String id() {
        return UUID.randomUUID().toString();
    }
}

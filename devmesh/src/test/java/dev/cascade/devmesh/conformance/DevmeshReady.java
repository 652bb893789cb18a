package dev.cascade.devmesh.conformance;

import static io.restassured.RestAssured.given;

import java.time.Duration;

/** Tests run on a random port, so devmesh loads its manifests just after the server listens: wait for that. */
final class DevmeshReady {

    private DevmeshReady() {
    }

    static void manifestsLoaded() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }
}

package dev.cascade.devmesh;

import static io.restassured.RestAssured.given;

import java.time.Duration;

import io.restassured.response.Response;

/** Tests run on a random port, so devmesh loads its manifests just after the server listens: wait for that. */
public final class DevmeshReady {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private DevmeshReady() {
    }

    /** Waits until devmesh is ready; a timeout fails with devmesh's last readiness answer, which says why. */
    public static void manifestsLoaded() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            Response response = given().get("/q/health/ready");
            if (response.statusCode() == 200) {
                return;
            }
            last = response.statusCode() + " " + response.asString();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for devmesh", e);
            }
        }
        throw new AssertionError("devmesh not ready within " + WAIT + "; last readiness answer: " + last);
    }
}

package dev.cascade.devmesh.conformance;

import static dev.cascade.devmesh.conformance.TestEvents.binary;
import static dev.cascade.devmesh.conformance.TestEvents.id;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.cascade.devmesh.DevmeshReady;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Manifest changes on disk take effect without a restart, as {@code kubectl apply} does on a cluster, and
 * without dropping an event in flight; a change the webhook would deny leaves the last accepted version.
 */
@QuarkusTest
@WithTestResource(LiveManifestsResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveManifestsTest {

    private static final String BROKER = "/live/default";
    private static final Duration RELOAD = Duration.ofSeconds(10);

    Subscriber subscriber;

    @org.junit.jupiter.api.BeforeEach
    void manifestsLoaded() {
        DevmeshReady.manifestsLoaded();
    }

    @Test
    @Order(1)
    void aTriggerAddedOnDiskStartsDelivering() throws Exception {
        LiveManifestsResource.write("200-trigger-b.yaml", LiveManifestsResource.trigger("b", "test.b"));
        await().atMost(RELOAD).untilAsserted(() ->
                given().get("/devmesh/triggers").then().body("name", hasItem("b")));

        String id = id();
        binary("test.b", id).post(BROKER).then().statusCode(202);
        assertThat(subscriber.at("/b", id)).hasSize(1);
    }

    @Test
    @Order(2)
    void anInvalidEditIsRefusedAndTheLastAcceptedVersionKeepsWorking() throws Exception {
        LiveManifestsResource.write("200-trigger-b.yaml", LiveManifestsResource.trigger("b", "test.b")
                .replace("filter: {attributes: {type: test.b}}", "filter: {attributes: {Type: test.b}}"));
        await().atMost(RELOAD).untilAsserted(() -> given().get("/devmesh/errors").then()
                .body("[0]", org.hamcrest.Matchers.containsString("200-trigger-b.yaml")));

        String id = id();
        binary("test.b", id).post(BROKER).then().statusCode(202);
        assertThat(subscriber.at("/b", id)).hasSize(1);
    }

    @Test
    @Order(3)
    void removingATriggerLetsItsDeliveryInFlightFinish() throws Exception {
        subscriber.slow("/a", Duration.ofMillis(2_000));
        String id = id();
        // MT answers once the delivery finished: the POST is in flight while the trigger is removed
        CompletableFuture<Integer> inFlight = CompletableFuture.supplyAsync(
                () -> binary("test.a", id).post(BROKER).statusCode());
        await().atMost(RELOAD).until(() -> subscriber.at("/a", id).size() == 1);
        LiveManifestsResource.delete("200-trigger-a.yaml");
        await().atMost(RELOAD).untilAsserted(() ->
                given().get("/devmesh/triggers").then().body("name", not(hasItem("a"))));

        assertThat(inFlight.get()).isEqualTo(202);
        String after = id();
        binary("test.a", after).post(BROKER).then().statusCode(202);
        assertThat(subscriber.at("/a", after)).isEmpty();
    }

    @Test
    @Order(4)
    void aBodyOverTheConfiguredLimitIs413() {
        byte[] big = new byte[(int) LiveManifestsResource.BODY_LIMIT + 1];
        java.util.Arrays.fill(big, (byte) 'x');
        binary("test.b", id()).body(big).post(BROKER).then().statusCode(413);
        binary("test.b", id()).body(new byte[1024]).post(BROKER).then().statusCode(202);
    }
}

package dev.cascade.devmesh.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.devmesh.DevmeshReady;
import dev.cascade.devmesh.conformance.Subscriber;
import dev.cascade.devmesh.conformance.SubscriberResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * devmesh's page in a real browser (Debian's headless Chromium, see {@link HeadlessChromium}): it draws the event
 * flow of the loaded manifests, and a delivery made after it loaded shows up in it without a reload, hostile event
 * ids as plain text. Skipped when Chromium is missing, unless {@code CASCADE_REQUIRE_CHROMIUM=1} (CI) makes that a
 * failure.
 */
@QuarkusTest
@WithTestResource(value = SubscriberResource.class,
        initArgs = @ResourceArg(name = SubscriberResource.MANIFESTS, value = "src/test/resources/console"))
class ConsolePageInChromiumTest {

    private static final String BROKER = "/console/default";
    private static final String PLACED = "dev.example.console.placed.v1";
    private static HeadlessChromium chromium;

    @TestHTTPResource("/")
    URL page;

    Subscriber subscriber;

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }

    /** One browser for the class, started by the first test; each test reports the skip (or failure) itself. */
    @BeforeEach
    void openThePage() throws Exception {
        HeadlessChromium.assumeInstalled();
        if (chromium == null) {
            chromium = HeadlessChromium.start();
        }
        subscriber.reset();
        DevmeshReady.manifestsLoaded();
        chromium.navigate(page.toString());
        await("the flow drawn").until(() -> text("#flow").contains("placed-orders"));
    }

    @Test
    void drawsTheFlowOfTheLoadedManifestsWithFiltersSubscribersAndEmittedTypes() {
        String flow = text("#flow");

        assertThat(flow).contains("console/default", "MTChannelBasedBroker", "dead letters → recorder",
                "placed-orders", "type = " + PLACED,
                "audit", "type starts with dev.example.console.", "not (source = /noise)",
                "big-amounts", "CESQL type = 'dev.example.console.placed.v1' AND amount > 100",
                "recorder", "emits to console/default:", "dev.example.console.recorded.v1",
                "auditor", "not in the manifests");
        // One curve per Broker → Trigger and per Trigger → subscriber.
        assertThat(chromium.evaluate("document.querySelectorAll('#flow svg path.edge').length").asInt()).isEqualTo(6);
        await("the services table").until(() -> text("#services").contains("console/recorder")
                && text("#services").contains("external"));
        assertThat(text("#triggers")).contains("console/big-amounts", "SubscriberResolveFailed");
        assertThat(text("#status")).startsWith("live");
    }

    @Test
    void aDeliveryAfterThePageLoadedAppearsWithoutReloadWithItsTraceId() {
        chromium.evaluate("window.__sameDocument = 'yes'");
        String eventId = "console-" + UUID.randomUUID();
        String traceId = hex(16);

        given().header("ce-specversion", "1.0").header("ce-id", eventId).header("ce-source", "/console-tests")
                .header("ce-type", PLACED).header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .contentType("application/json").body("{\"amount\":5}")
                .post(BROKER).then().statusCode(202);

        await("two delivery rows of the new event").until(() -> rows(eventId).size() == 2);
        JsonNode rows = rows(eventId);
        assertThat(rows).extracting(row -> row.get("trigger").asText())
                .containsExactlyInAnyOrder("console/placed-orders", "console/audit");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("trace").asText()).isEqualTo(traceId);
            assertThat(row.get("status").asText()).isEqualTo("delivered");
            assertThat(row.get("type").asText()).isEqualTo(PLACED);
            assertThat(row.get("attempts").asText()).isEqualTo("1");
        });
        assertThat(chromium.evaluate("window.__sameDocument").asText()).as("the page was not reloaded").isEqualTo("yes");
        assertThat(subscriber.at("/placed", eventId)).hasSize(1);
    }

    @Test
    void hostileEventIdsAreShownAsTextAndNeverRun() {
        String eventId = "<img src=x onerror=\"window.__injected=1\"><b>bold</b>-" + UUID.randomUUID();

        given().header("ce-specversion", "1.0").header("ce-id", eventId).header("ce-source", "/console-tests")
                .header("ce-type", PLACED).contentType("application/json").body("{}")
                .post(BROKER).then().statusCode(202);

        await("two delivery rows whose event id cell reads the hostile id as text")
                .until(() -> rows(eventId).size() == 2);
        assertThat(chromium.evaluate("document.querySelectorAll('#deliveries img, #deliveries b').length").asInt())
                .isZero();
        assertThat(chromium.evaluate("typeof window.__injected").asText()).isEqualTo("undefined");
    }

    /** The delivery rows whose event-id cell reads exactly {@code eventId}, cell by cell. */
    private static JsonNode rows(String eventId) {
        return chromium.evaluate("""
                [...document.querySelectorAll('#deliveries tbody tr')]
                  .filter(row => row.querySelector('td.event-id')?.textContent === %s)
                  .map(row => ({
                    trigger: row.querySelector('td.trigger').textContent,
                    type: row.querySelector('td.type').textContent,
                    status: row.querySelector('td.delivery-status').textContent,
                    attempts: row.querySelector('td.attempts').textContent,
                    trace: row.querySelector('td.trace-id').textContent }))
                """.formatted(HeadlessChromium.literal(eventId)));
    }

    private static String text(String selector) {
        return chromium.evaluate("document.querySelector(" + HeadlessChromium.literal(selector) + ").textContent")
                .asText();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static ConditionFactory await(String what) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100));
    }
}

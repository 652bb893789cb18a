package dev.cascade.devmesh.conformance;

import static dev.cascade.devmesh.conformance.TestEvents.binary;
import static dev.cascade.devmesh.conformance.TestEvents.id;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cascade.devmesh.DevmeshReady;
import dev.cascade.devmesh.broker.BrokerTracing;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * MTChannelBasedBroker on the wire, against real HTTP subscribers: the checklist of
 * shared/knative-broker-semantics.md §9, in the order it lists them.
 */
@QuarkusTest
@WithTestResource(SubscriberResource.class)
class ChannelBasedBrokerConformanceTest {

    private static final String BROKER = "/conformance/default";
    private static final String RFC3339_NANO = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d*[1-9])?Z";

    Subscriber subscriber;

    @Inject
    BrokerTracing tracing;

    @BeforeEach
    void freshSubscriber() {
        subscriber.reset();
        DevmeshReady.manifestsLoaded();
    }

    // §9.1 ingress codes

    @Test
    void validBinaryAndStructuredEventsAreAccepted() {
        binary("test.plain", id()).post(BROKER).then().statusCode(202);
        given().contentType("application/cloudevents+json; charset=utf-8")
                .body("{\"specversion\":\"1.0\",\"id\":\"" + id() + "\",\"source\":\"/tests\",\"type\":\"test.plain\"}")
                .post(BROKER).then().statusCode(202);
        binary("test.plain", id()).post(BROKER + "/").then().statusCode(202);
    }

    @Test
    void methodsOtherThanPostAreRefusedAndOptionsIsAnswered() {
        given().get(BROKER).then().statusCode(405).header("Allow", "POST, OPTIONS");
        given().put(BROKER).then().statusCode(405);
        given().options(BROKER).then().statusCode(200)
                .header("Allow", "POST, OPTIONS")
                .header("WebHook-Allowed-Origin", "*")
                .header("WebHook-Allowed-Rate", "*");
    }

    @Test
    void pathsAreCheckedBeforeTheBody() {
        binary("test.plain", id()).post("/").then().statusCode(404);
        binary("test.plain", id()).post("/conformance/default/extra").then().statusCode(400);
        binary("test.plain", id()).post("/conformance").then().statusCode(400);
        binary("test.plain", id()).post("/conformance/default?x=1").then().statusCode(404);
    }

    @Test
    void anUnknownBrokerIs404ButAMalformedEventToItIs400() {
        binary("test.plain", id()).post("/conformance/nobody").then().statusCode(404);
        given().header("ce-specversion", "1.0").header("ce-type", "test.plain").header("ce-source", "/tests")
                .post("/conformance/nobody").then().statusCode(400);
    }

    @Test
    void invalidEventsAre400() {
        // no id
        given().header("ce-specversion", "1.0").header("ce-type", "test.plain").header("ce-source", "/tests")
                .post(BROKER).then().statusCode(400);
        // unknown spec version
        given().header("ce-specversion", "19.0").header("ce-id", id()).header("ce-type", "test.plain")
                .header("ce-source", "/tests").post(BROKER).then().statusCode(400);
        // not a CloudEvent at all
        given().contentType("application/json").body("{}").post(BROKER).then().statusCode(400);
        // malformed structured event
        given().contentType("application/cloudevents+json").body("{").post(BROKER).then().statusCode(400);
        // batches are not supported
        given().contentType("application/cloudevents-batch+json").body("[]").post(BROKER).then().statusCode(400);
        assertThat(subscriber.at("/plain")).isEmpty();
    }

    @Test
    void hostileInputIsAlways4xxNeverA5xx() {
        // unparsable time, bad percent-encoding, invalid source URI, an oversized extension name, binary garbage
        binary("test.plain", id()).header("ce-time", "yesterday").post(BROKER).then().statusCode(400);
        given().header("ce-specversion", "1.0").header("ce-id", "%zz%").header("ce-source", "/tests")
                .header("ce-type", "test.plain").post(BROKER).then().statusCode(202);
        given().header("ce-specversion", "1.0").header("ce-id", id()).header("ce-source", "::not a uri::")
                .header("ce-type", "test.plain").post(BROKER).then().statusCode(400);
        given().header("ce-specversion", "1.0").header("ce-id", id()).header("ce-source", "/tests")
                .header("ce-type", "test.plain").header("ce-Not_Valid-Name!", "x").post(BROKER).then().statusCode(400);
        given().contentType("application/cloudevents+json").body(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1})
                .post(BROKER).then().statusCode(400);
        given().contentType("application/cloudevents+json")
                .body("{\"specversion\":\"1.0\",\"id\":1,\"source\":\"/t\",\"type\":[]}")
                .post(BROKER).then().statusCode(400);
    }

    // §9.2 what the subscriber sees

    @Test
    void subscriberSeesArrivalTimeNoTtlAndTheKnativeHeaders() {
        String id = id();
        binary("test.plain", id)
                .header("X-Request-Id", "req-1")
                .header("Knative-Custom", "kept")
                .header("X-B3-TraceId", "80f198ee56343ba864fe8b2a57d3eff7")
                .header("Authorization", "Bearer dropped")
                .header("X-Custom", "dropped")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .post(BROKER).then().statusCode(202);

        Subscriber.Received delivered = single("/plain", id);
        assertThat(delivered.header("ce-knativearrivaltime")).matches(RFC3339_NANO);
        assertThat(delivered.header("ce-knativebrokerttl")).isNull();
        assertThat(delivered.header("Prefer")).isEqualTo("reply");
        assertThat(delivered.header("Kn-Namespace")).isEqualTo("conformance");
        assertThat(delivered.header("X-Request-Id")).isEqualTo("req-1");
        assertThat(delivered.header("Knative-Custom")).isEqualTo("kept");
        assertThat(delivered.header("X-B3-TraceId")).isEqualTo("80f198ee56343ba864fe8b2a57d3eff7");
        assertThat(delivered.header("Authorization")).isNull();
        assertThat(delivered.header("X-Custom")).isNull();
        assertThat(delivered.header("traceparent"))
                .startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
                .doesNotContain("00f067aa0ba902b7");
        assertThat(delivered.header("ce-type")).isEqualTo("test.plain");
        assertThat(delivered.bodyText()).isEqualTo("{\"n\":1}");
    }

    @Test
    void deliveryFormatJsonSendsStructuredMode() {
        String id = id();
        binary("test.json", id).post(BROKER).then().statusCode(202);
        Subscriber.Received delivered = subscriber.at("/json").get(0);
        assertThat(delivered.header("Content-Type")).startsWith("application/cloudevents+json");
        assertThat(delivered.bodyText()).contains("\"id\":\"" + id + "\"").contains("\"knativearrivaltime\"");
    }

    // §9.3 TTL

    @ParameterizedTest
    @ValueSource(strings = {"1", "0"})
    void anExhaustedTtlIsRefused(String ttl) {
        binary("test.plain", id()).header("ce-knativebrokerttl", ttl).post(BROKER).then().statusCode(400);
    }

    @Test
    void aReplyLoopStopsAfter255Hops() {
        String id = id();
        for (int i = 0; i < 300; i++) {
            subscriber.script("/looper", reply(200, "test.loop", id));
        }
        binary("test.loop", id).post(BROKER).then().statusCode(202);

        assertThat(subscriber.at("/looper")).hasSize(255);
        List<Subscriber.Received> deadLetters = subscriber.at("/loop-dls");
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).header("ce-knativeerrorcode")).isEqualTo("400");
        assertThat(deadLetters.get(0).header("ce-knativeerrordest")).isEqualTo(ingressUrl());
    }

    // §9.4 filters (the full vector table is in the filter package's tests)

    @Test
    void filtersOverrideTheLegacyFilter() {
        binary("test.sql", id()).header("ce-subject", "order-1").post(BROKER).then().statusCode(202);
        binary("test.sql", id()).header("ce-subject", "invoice-1").post(BROKER).then().statusCode(202);
        binary("never.sent", id()).header("ce-subject", "order-2").post(BROKER).then().statusCode(202);
        assertThat(subscriber.at("/sql")).extracting(r -> r.header("ce-subject")).containsExactly("order-1");
    }

    // §9.5 retries

    @Test
    void retryableFailuresAreRetriedUntilSuccess() {
        String id = id();
        subscriber.script("/retry", Subscriber.Scripted.status(503), Subscriber.Scripted.status(500));
        binary("test.retry", id).post(BROKER).then().statusCode(202);

        List<Subscriber.Received> attempts = subscriber.at("/retry", id);
        assertThat(attempts).hasSize(3);
        assertThat(subscriber.at("/dls")).isEmpty();
        // linear 50 ms: no wait before the first retry, 50 ms before the second
        assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(45));
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 408, 409, 429, 500, 502, 503})
    void theseStatusCodesAreRetried(int status) {
        String id = id();
        subscriber.script("/retry", Subscriber.Scripted.status(status));
        binary("test.retry", id).post(BROKER).then().statusCode(202);
        assertThat(subscriber.at("/retry", id)).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 410, 413, 422, 301})
    void theseStatusCodesGoStraightToTheDeadLetterSink(int status) {
        String id = id();
        subscriber.script("/retry", Subscriber.Scripted.status(status));
        binary("test.retry", id).post(BROKER).then().statusCode(202);
        assertThat(subscriber.at("/retry", id)).hasSize(1);
        assertThat(subscriber.at("/dls", id)).singleElement()
                .satisfies(r -> assertThat(r.header("ce-knativeerrorcode")).isEqualTo(String.valueOf(status)));
    }

    @Test
    void attemptsAreRetryPlusOneThenTheDeadLetterSink() {
        String id = id();
        for (int i = 0; i < 4; i++) {
            subscriber.script("/retry", Subscriber.Scripted.status(503));
        }
        binary("test.retry", id).post(BROKER).then().statusCode(202);
        assertThat(subscriber.at("/retry", id)).hasSize(4);
        assertThat(subscriber.at("/dls", id)).hasSize(1);
    }

    // §9.6 the dead-letter sink

    @Test
    void deadLetterSinkGetsTheOriginalEventAndTheErrorExtensions() {
        String id = id();
        subscriber.script("/retry", new Subscriber.Scripted(422, Map.of(), "order total is negative"));
        binary("test.retry", id).post(BROKER).then().statusCode(202);

        Subscriber.Received deadLetter = single("/dls", id);
        assertThat(deadLetter.header("ce-type")).isEqualTo("test.retry");
        assertThat(deadLetter.bodyText()).isEqualTo("{\"n\":1}");
        assertThat(deadLetter.header("ce-knativeerrorcode")).isEqualTo("422");
        assertThat(deadLetter.header("ce-knativeerrordest")).isEqualTo(subscriber.baseUrl() + "/retry");
        assertThat(new String(Base64.getDecoder().decode(deadLetter.header("ce-knativeerrordata")), StandardCharsets.UTF_8))
                .isEqualTo("order total is negative");
        assertThat(deadLetter.header("Kn-Namespace")).isEqualTo("conformance");
        assertThat(deadLetter.header("Prefer")).isNull();
    }

    @Test
    void anUnreachableSubscriberIsReportedAs500DispatchError() {
        String id = id();
        binary("test.unreachable", id).post(BROKER).then().statusCode(202);

        Subscriber.Received deadLetter = single("/dls-unreachable", id);
        assertThat(deadLetter.header("ce-knativeerrorcode")).isEqualTo("500");
        assertThat(deadLetter.header("ce-knativeerrordest")).isEqualTo("http://127.0.0.1:1/nothing");
        assertThat(new String(Base64.getDecoder().decode(deadLetter.header("ce-knativeerrordata")), StandardCharsets.UTF_8))
                .startsWith("dispatch error: ");
    }

    // §9.7 replies

    @Test
    void aReplyIsIngestedIntoTheSameBroker() {
        String id = id();
        subscriber.script("/replier", reply(200, "test.answer", "answer-" + id));
        binary("test.ask", id).post(BROKER).then().statusCode(202);

        Subscriber.Received answer = single("/answers", "answer-" + id);
        assertThat(answer.header("ce-source")).isEqualTo("/replier");
        assertThat(answer.header("ce-knativearrivaltime")).matches(RFC3339_NANO);
        assertThat(answer.header("ce-knativebrokerttl")).isNull();
    }

    @Test
    void oneTraceSpansTheEventItsDeliveryAndTheDeliveryOfItsReply() {
        String id = id();
        subscriber.script("/replier", reply(200, "test.answer", "answer-" + id));
        binary("test.ask", id).header("traceparent", "00-5af7651916cd43dd8448eb211c80319c-c7ad6b7169203331-01")
                .post(BROKER).then().statusCode(202);

        String toReplier = single("/replier", id).header("traceparent");
        String toAnswers = single("/answers", "answer-" + id).header("traceparent");
        assertThat(toReplier).startsWith("00-5af7651916cd43dd8448eb211c80319c-");
        assertThat(toAnswers).startsWith("00-5af7651916cd43dd8448eb211c80319c-").isNotEqualTo(toReplier);
    }

    @Test
    void aReplyWith202IsStillAReply() {
        String id = id();
        subscriber.script("/replier", reply(202, "test.answer", "answer-" + id));
        binary("test.ask", id).post(BROKER).then().statusCode(202);
        assertThat(subscriber.at("/answers", "answer-" + id)).hasSize(1);
    }

    @Test
    void aTwoHundredWithABodyThatIsNotAnEventIsRetriedThenDeadLetteredWithoutErrorExtensions() {
        String id = id();
        subscriber.script("/badreply", new Subscriber.Scripted(200, Map.of("Content-Type", "text/plain"), "oops"),
                new Subscriber.Scripted(200, Map.of("Content-Type", "text/plain"), "oops"));
        binary("test.badreply", id).post(BROKER).then().statusCode(202);

        assertThat(subscriber.at("/badreply", id)).hasSize(2);
        Subscriber.Received deadLetter = single("/dls-bad", id);
        assertThat(deadLetter.header("ce-knativeerrorcode")).isNull();
        assertThat(deadLetter.header("ce-knativeerrordest")).isNull();
    }

    @Test
    void anEmptyTwoHundredIsSuccess() {
        String id = id();
        subscriber.script("/plain", Subscriber.Scripted.status(204));
        binary("test.plain", id).post(BROKER).then().statusCode(202);
        assertThat(subscriber.at("/plain", id)).hasSize(1);
    }

    @Test
    void anUnreadableSpecVersionWithAnEmptyBodyIsNoReply() {
        String id = id();
        subscriber.script("/replier", new Subscriber.Scripted(200, Map.of("ce-specversion", "9000.1"), ""));
        binary("test.ask", id).post(BROKER).then().statusCode(202);
        assertThat(subscriber.at("/replier", id)).hasSize(1);
        assertThat(subscriber.at("/dls", id)).isEmpty();
        assertThat(subscriber.at("/broker-dls", id)).isEmpty();
    }

    // §9.8 delivery merge

    @Test
    void aTriggerDeliveryReplacesTheBrokersWholesale() {
        String id = id();
        subscriber.script("/wholesale", Subscriber.Scripted.status(503));
        binary("test.wholesale", id).post(BROKER).then().statusCode(202);
        assertThat(subscriber.at("/wholesale", id)).hasSize(1);
        assertThat(subscriber.at("/dls-wholesale", id)).hasSize(1);
    }

    @Test
    void aTriggerWithoutADeadLetterSinkFallsBackToTheBrokers() {
        String id = id();
        subscriber.script("/fallback", Subscriber.Scripted.status(503), Subscriber.Scripted.status(503));
        binary("test.fallback", id).post(BROKER).then().statusCode(202);
        assertThat(subscriber.at("/fallback", id)).hasSize(2);
        assertThat(subscriber.at("/broker-dls", id)).hasSize(1);
    }

    @Test
    void aFailureWithNoDeadLetterSinkIs500ToTheProducer() {
        subscriber.script("/fail", Subscriber.Scripted.status(500));
        binary("test.fail", id()).post("/conformance/bare").then().statusCode(500);
    }

    // the devmesh API

    @Test
    void deliveriesAreCountedPerTriggerAndOutcome() {
        binary("test.plain", id()).post(BROKER).then().statusCode(202);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("devmesh_deliveries_total\\{[^}]*outcome=\"delivered\"[^}]*trigger=\"conformance/plain\"[^}]*} [1-9]")
                .contains("devmesh_delivery_latency_seconds_bucket");
    }

    @Test
    void apiListsBrokersTriggersWithReadinessAndRefusedResources() {
        given().get("/devmesh/brokers").then().statusCode(200)
                .body("find { it.name == 'default' }.class", equalTo("MTChannelBasedBroker"))
                .body("find { it.name == 'default' }.ingressUrl", equalTo(ingressUrl()));
        Response triggers = given().get("/devmesh/triggers");
        triggers.then().statusCode(200)
                .body("find { it.name == 'plain' }.ready", equalTo(true))
                .body("find { it.name == 'plain' }.subscriberUrl", equalTo(subscriber.baseUrl() + "/plain"))
                .body("find { it.name == 'unresolvable' }.ready", equalTo(false))
                .body("find { it.name == 'orphan' }.reason", containsString("BrokerDoesNotExist"));
        assertThat(triggers.jsonPath().getList("name", String.class)).doesNotContain("two-dialects");
        given().get("/devmesh/errors").then().statusCode(200)
                .body("[0]", containsString("300-refused.yaml"))
                .body("[0]", containsString("two-dialects"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void withoutAnOtlpEndpointTheSdkIsDisabledAndNoSpanIsRecorded() {
        assertThat(ConfigProvider.getConfig().getValue("quarkus.otel.sdk.disabled", Boolean.class)).isTrue();
        assertThat(tracing).isSameAs(BrokerTracing.NONE);
    }

    @Test
    void recentDeliveriesAreListedWithTheirTraceId() {
        String id = id();
        binary("test.plain", id)
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .post(BROKER).then().statusCode(202);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/devmesh/deliveries?limit=50")
                .then().statusCode(200)
                .body("find { it.eventId == '" + id + "' }.status", equalTo("delivered"))
                .body("find { it.eventId == '" + id + "' }.trigger", equalTo("conformance/plain"))
                .body("find { it.eventId == '" + id + "' }.traceId", equalTo("0af7651916cd43dd8448eb211c80319c"))
                // The Triggers whose filters refused the event are counted, not listed.
                .body("findAll { it.eventId == '" + id + "' }.status", not(hasItem("filtered"))));
        given().get("/devmesh/deliveries?limit=0").then().statusCode(400);
    }

    private Subscriber.Received single(String path, String id) {
        List<Subscriber.Received> received = subscriber.at(path, id);
        assertThat(received).as("requests at %s for event %s", path, id).hasSize(1);
        return received.get(0);
    }

    private static Subscriber.Scripted reply(int status, String type, String id) {
        return new Subscriber.Scripted(status, Map.of(
                "ce-specversion", "1.0", "ce-id", id, "ce-source", "/replier", "ce-type", type,
                "Content-Type", "application/json"), "{\"reply\":true}");
    }


    private static String ingressUrl() {
        return "http://localhost:" + RestAssured.port + BROKER;
    }
}

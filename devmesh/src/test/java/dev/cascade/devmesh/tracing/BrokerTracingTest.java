package dev.cascade.devmesh.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cascade.devmesh.DevmeshReady;
import dev.cascade.devmesh.broker.BrokerTracing;
import dev.cascade.devmesh.conformance.Subscriber;
import dev.cascade.testing.OtlpReceiver;
import dev.cascade.testing.OtlpReceiver.Span;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * devmesh's spans as a collector receives them (a real OTLP/HTTP endpoint), for a broker of each class: one trace
 * from the producer through the ingress, every delivery attempt, the subscriber and its reply, and the reply's own
 * delivery, each span the parent of the next and the ids on the wire those of the exported spans.
 */
@QuarkusTest
@WithTestResource(TracingResource.class)
class BrokerTracingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String MT = "trace-mt";
    private static final String KAFKA = "trace-kafka";

    Subscriber subscriber;
    OtlpReceiver receiver;

    @Inject
    BrokerTracing tracing;

    @BeforeEach
    void ready() {
        subscriber.reset();
        DevmeshReady.manifestsLoaded();
    }

    @Test
    void anOtlpEndpointTurnsTheSdkOnAndPointsItThere() {
        assertThat(ConfigProvider.getConfig().getValue("quarkus.otel.sdk.disabled", Boolean.class)).isFalse();
        assertThat(ConfigProvider.getConfig().getValue("quarkus.otel.exporter.otlp.traces.endpoint", String.class))
                .isEqualTo(receiver.endpoint());
        assertThat(tracing).isInstanceOf(OtelBrokerTracing.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {MT, KAFKA})
    void oneTraceRunsFromTheProducerThroughTheDeliveryTheReplyAndItsDelivery(String namespace) {
        String traceId = hex(16);
        String producerSpan = hex(8);
        String id = newId();
        subscriber.respond(path(namespace, "ask"), request -> reply("answer-" + id, null));

        event("trace.ask", id).header("traceparent", "00-" + traceId + "-" + producerSpan + "-01")
                .post(broker(namespace)).then().statusCode(202);

        List<Span> spans = receiver.awaitSpans(received -> ofTrace(received, traceId).size() >= 4, WAIT);
        List<Span> trace = ofTrace(spans, traceId);
        assertThat(trace).hasSize(4);
        assertThat(trace).allSatisfy(span -> {
            assertThat(span.serviceName()).isEqualTo("devmesh");
            assertThat(span.root()).as("%s starts no trace", span.describe()).isFalse();
        });

        Span ingress = single(trace, span -> span.name().equals("broker ingress " + namespace + "/default")
                && span.kind() == Span.Kind.SERVER);
        assertThat(ingress.parentSpanId()).isEqualTo(producerSpan);
        assertThat(ingress.attributes())
                .containsEntry("cloudevents.event_id", id)
                .containsEntry("cloudevents.event_type", "trace.ask")
                .containsEntry("cloudevents.event_source", "/tests")
                .containsEntry("cloudevents.event_spec_version", "1.0")
                .containsEntry("devmesh.broker", namespace + "/default")
                .containsEntry("devmesh.broker.class", namespace.equals(MT) ? "MTChannelBasedBroker" : "Kafka")
                .containsEntry("http.response.status_code", "202");
        assertThat(ingress.status()).isEqualTo(Span.Status.UNSET);

        Span delivery = single(trace, span -> span.name().equals("deliver " + namespace + "/ask"));
        assertThat(delivery.kind()).isEqualTo(Span.Kind.CLIENT);
        assertThat(delivery.parentSpanId()).isEqualTo(ingress.spanId());
        assertThat(delivery.attributes())
                .containsEntry("devmesh.trigger", namespace + "/ask")
                .containsEntry("devmesh.broker", namespace + "/default")
                .containsEntry("url.full", subscriber.baseUrl() + path(namespace, "ask"))
                .containsEntry("http.request.method", "POST")
                .containsEntry("devmesh.delivery.attempt", "1")
                .containsEntry("http.response.status_code", "200")
                .containsEntry("cloudevents.event_id", id);
        assertThat(delivery.status()).isEqualTo(Span.Status.UNSET);
        assertThat(received(namespace, "ask", id).header("traceparent"))
                .isEqualTo("00-" + traceId + "-" + delivery.spanId() + "-01");

        Span replyIngress = single(trace, span -> span.kind() == Span.Kind.PRODUCER);
        assertThat(replyIngress.name()).isEqualTo("broker ingress " + namespace + "/default");
        assertThat(replyIngress.parentSpanId()).isEqualTo(delivery.spanId());
        assertThat(replyIngress.attributes())
                .containsEntry("cloudevents.event_id", "answer-" + id)
                .containsEntry("cloudevents.event_type", "trace.answer")
                .containsEntry("devmesh.reply.trigger", namespace + "/ask")
                .containsEntry("http.response.status_code", "202");

        Span answerDelivery = single(trace, span -> span.name().equals("deliver " + namespace + "/answers"));
        assertThat(answerDelivery.parentSpanId()).isEqualTo(replyIngress.spanId());
        assertThat(received(namespace, "answers", "answer-" + id).header("traceparent"))
                .isEqualTo("00-" + traceId + "-" + answerDelivery.spanId() + "-01");

        await().atMost(WAIT).untilAsserted(() -> given().get("/devmesh/deliveries?limit=200").then().statusCode(200)
                .body("find { it.eventId == '" + id + "' }.traceId", equalTo(traceId))
                .body("find { it.eventId == 'answer-" + id + "' }.traceId", equalTo(traceId)));
    }

    @ParameterizedTest
    @ValueSource(strings = {MT, KAFKA})
    void aReplyMadeInTheFunctionsSpanHangsFromThatSpan(String namespace) {
        String traceId = hex(16);
        String functionSpan = hex(8);
        String id = newId();
        // What a traced function does: its server span is a child of the delivery, and the event it emits carries
        // the function's own position as the distributed-tracing extension.
        subscriber.respond(path(namespace, "ask"), request -> reply("answer-" + id,
                "00-" + traceIdOf(request.header("traceparent")) + "-" + functionSpan + "-01"));

        event("trace.ask", id).header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .post(broker(namespace)).then().statusCode(202);

        List<Span> trace = ofTrace(receiver.awaitSpans(received -> ofTrace(received, traceId).size() >= 4, WAIT),
                traceId);
        Span replyIngress = single(trace, span -> span.kind() == Span.Kind.PRODUCER);
        assertThat(replyIngress.parentSpanId()).isEqualTo(functionSpan);
        Span answerDelivery = single(trace, span -> span.name().equals("deliver " + namespace + "/answers"));
        assertThat(answerDelivery.parentSpanId()).isEqualTo(replyIngress.spanId());
    }

    @Test
    void aReplyWhoseTraceparentIsCopiedOrForeignHangsFromTheDelivery() {
        String traceId = hex(16);
        String producerSpan = hex(8);
        String copied = "00-" + traceId + "-" + producerSpan + "-01";
        String foreign = "00-" + hex(16) + "-" + hex(8) + "-01";
        String first = newId();
        String second = newId();
        subscriber.respond(path(MT, "ask"), request -> request.header("ce-id").equals(first)
                ? reply("answer-" + first, request.header("ce-traceparent"))
                : reply("answer-" + second, foreign));

        // The producer sets the extension too, and the first function copies every extension into its reply.
        event("trace.ask", first).header("traceparent", copied).header("ce-traceparent", copied)
                .post(broker(MT)).then().statusCode(202);
        event("trace.ask", second).header("traceparent", copied).post(broker(MT)).then().statusCode(202);

        List<Span> trace = ofTrace(receiver.awaitSpans(received -> ofTrace(received, traceId).size() >= 8, WAIT),
                traceId);
        for (String id : List.of(first, second)) {
            Span delivery = single(trace, span -> span.name().equals("deliver " + MT + "/ask")
                    && id.equals(span.attribute("cloudevents.event_id")));
            Span replyIngress = single(trace, span -> span.kind() == Span.Kind.PRODUCER
                    && ("answer-" + id).equals(span.attribute("cloudevents.event_id")));
            assertThat(replyIngress.parentSpanId()).as("reply to %s", id).isEqualTo(delivery.spanId());
        }
        // Knative's brokers keep the extension as it came (spec §5.2); only the traceparent header moves on.
        Subscriber.Received delivered = received(MT, "ask", first);
        assertThat(delivered.header("ce-traceparent")).isEqualTo(copied);
        assertThat(delivered.header("traceparent")).isNotEqualTo(copied).startsWith("00-" + traceId + "-");
    }

    @ParameterizedTest
    @ValueSource(strings = {MT, KAFKA})
    void everyAttemptIsASpanAndCarriesItsOwnTraceparent(String namespace) {
        String traceId = hex(16);
        String id = newId();
        subscriber.script(path(namespace, "flaky"), Subscriber.Scripted.status(503), Subscriber.Scripted.status(503));

        event("trace.flaky", id).header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .post(broker(namespace)).then().statusCode(202);

        List<Span> trace = ofTrace(receiver.awaitSpans(received -> ofTrace(received, traceId).size() >= 4, WAIT),
                traceId);
        assertThat(trace).hasSize(4);
        Span ingress = single(trace, span -> span.kind() == Span.Kind.SERVER);
        List<Span> attempts = trace.stream().filter(span -> span.name().equals("deliver " + namespace + "/flaky"))
                .sorted(Comparator.comparing(span -> Integer.parseInt(span.attribute("devmesh.delivery.attempt"))))
                .toList();
        assertThat(attempts).extracting(span -> span.attribute("devmesh.delivery.attempt"))
                .containsExactly("1", "2", "3");
        assertThat(attempts).allSatisfy(span -> assertThat(span.parentSpanId()).isEqualTo(ingress.spanId()));
        assertThat(attempts).extracting(span -> span.attribute("http.response.status_code"))
                .containsExactly("503", "503", "200");
        assertThat(attempts).extracting(Span::status)
                .containsExactly(Span.Status.ERROR, Span.Status.ERROR, Span.Status.UNSET);
        assertThat(attempts.get(0).attribute("error.type")).isEqualTo("503");
        assertThat(attempts.get(0).statusMessage()).isEqualTo("HTTP 503");
        assertThat(attempts).extracting(Span::spanId).doesNotHaveDuplicates();

        List<Subscriber.Received> requests = subscriber.at(path(namespace, "flaky"), id);
        assertThat(requests).extracting(request -> request.header("traceparent")).containsExactly(
                attempts.stream().map(span -> "00-" + traceId + "-" + span.spanId() + "-01").toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {MT, KAFKA})
    void theDeadLetterSinkDeliveryIsASpanOfItsOwn(String namespace) {
        String traceId = hex(16);
        String id = newId();
        subscriber.script(path(namespace, "doomed"), new Subscriber.Scripted(400, Map.of(), "no such order"));

        event("trace.doomed", id).header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .post(broker(namespace)).then().statusCode(202);

        List<Span> trace = ofTrace(receiver.awaitSpans(received -> ofTrace(received, traceId).size() >= 3, WAIT),
                traceId);
        Span ingress = single(trace, span -> span.kind() == Span.Kind.SERVER);
        Span refused = single(trace, span -> span.name().equals("deliver " + namespace + "/doomed"));
        assertThat(refused.parentSpanId()).isEqualTo(ingress.spanId());
        assertThat(refused.status()).isEqualTo(Span.Status.ERROR);
        assertThat(refused.attribute("http.response.status_code")).isEqualTo("400");

        Span deadLetter = single(trace, span -> span.name().equals("dead-letter " + namespace + "/doomed"));
        assertThat(deadLetter.kind()).isEqualTo(Span.Kind.CLIENT);
        assertThat(deadLetter.parentSpanId()).isEqualTo(ingress.spanId());
        assertThat(deadLetter.attributes())
                .containsEntry("url.full", subscriber.baseUrl() + path(namespace, "dls"))
                .containsEntry("devmesh.delivery.attempt", "1")
                .containsEntry("http.response.status_code", "200");
        assertThat(deadLetter.status()).isEqualTo(Span.Status.UNSET);
        assertThat(received(namespace, "dls", id).header("traceparent"))
                .isEqualTo("00-" + traceId + "-" + deadLetter.spanId() + "-01");
    }

    @ParameterizedTest
    @ValueSource(strings = {MT, KAFKA})
    void withoutATraceparentHeaderTheEventsTracingExtensionIsTheParent(String namespace) {
        String traceId = hex(16);
        String producerSpan = hex(8);
        String id = newId();
        String extension = "00-" + traceId + "-" + producerSpan + "-01";

        event("trace.flaky", id).header("ce-traceparent", extension).post(broker(namespace)).then()
                .statusCode(202);

        List<Span> trace = ofTrace(receiver.awaitSpans(received -> ofTrace(received, traceId).size() >= 2, WAIT),
                traceId);
        Span ingress = single(trace, span -> span.kind() == Span.Kind.SERVER);
        assertThat(ingress.parentSpanId()).isEqualTo(producerSpan);
        Subscriber.Received delivered = received(namespace, "flaky", id);
        assertThat(delivered.header("ce-traceparent")).isEqualTo(extension);
        assertThat(delivered.header("traceparent")).startsWith("00-" + traceId + "-");
    }

    @ParameterizedTest
    @ValueSource(strings = {MT, KAFKA})
    void anEventWithNoTraceAtAllStartsOneAtTheIngress(String namespace) {
        String id = newId();

        event("trace.flaky", id).post(broker(namespace)).then().statusCode(202);

        List<Span> spans = receiver.awaitSpans(received -> received.stream().anyMatch(span ->
                span.kind() == Span.Kind.CLIENT && id.equals(span.attribute("cloudevents.event_id"))), WAIT);
        Span delivery = single(spans, span -> span.kind() == Span.Kind.CLIENT
                && id.equals(span.attribute("cloudevents.event_id")));
        Span ingress = single(receiver.awaitSpans(received -> received.stream().anyMatch(
                span -> span.spanId().equals(delivery.parentSpanId())), WAIT),
                span -> span.spanId().equals(delivery.parentSpanId()));
        assertThat(ingress.root()).isTrue();
        assertThat(ingress.kind()).isEqualTo(Span.Kind.SERVER);
        assertThat(delivery.traceId()).isEqualTo(ingress.traceId());
        assertThat(received(namespace, "flaky", id).header("traceparent"))
                .isEqualTo("00-" + ingress.traceId() + "-" + delivery.spanId() + "-01");
    }

    @Test
    void devmeshExportsItsHopSpansOnlyAndNoAutomaticHttpSpans() throws InterruptedException {
        String id = newId();
        event("trace.ask", id).post(broker(MT)).then().statusCode(202);
        given().get("/devmesh/triggers").then().statusCode(200);

        receiver.awaitSpans(received -> received.stream().anyMatch(span ->
                span.kind() == Span.Kind.SERVER && id.equals(span.attribute("cloudevents.event_id"))), WAIT);
        Thread.sleep(500); // several export rounds: an automatic span of those requests would be here by now
        assertThat(receiver.spans()).extracting(Span::name)
                .allMatch(name -> name.startsWith("broker ingress ") || name.startsWith("deliver ")
                        || name.startsWith("dead-letter "));
    }

    private static RequestSpecification event(String type, String id) {
        return given()
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-source", "/tests")
                .header("ce-type", type)
                .contentType("application/json")
                .body("{\"n\":1}");
    }

    private static Subscriber.Scripted reply(String id, String ceTraceparent) {
        Map<String, String> headers = new HashMap<>(Map.of("ce-specversion", "1.0", "ce-id", id,
                "ce-source", "/replier", "ce-type", "trace.answer", "Content-Type", "application/json"));
        if (ceTraceparent != null) {
            headers.put("ce-traceparent", ceTraceparent);
        }
        return new Subscriber.Scripted(200, headers, "{\"reply\":true}");
    }

    private Subscriber.Received received(String namespace, String trigger, String id) {
        await().atMost(WAIT).until(() -> !subscriber.at(path(namespace, trigger), id).isEmpty());
        List<Subscriber.Received> requests = subscriber.at(path(namespace, trigger), id);
        assertThat(requests).as("requests at %s for %s", path(namespace, trigger), id).hasSize(1);
        return requests.get(0);
    }

    private static List<Span> ofTrace(List<Span> spans, String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private static Span single(List<Span> spans, Predicate<Span> condition) {
        List<Span> matching = spans.stream().filter(condition).toList();
        assertThat(matching).as("one matching span among %s", spans.stream().map(Span::describe).toList()).hasSize(1);
        return matching.get(0);
    }

    private static String traceIdOf(String traceparent) {
        return traceparent.split("-")[1];
    }

    private static String broker(String namespace) {
        return "/" + namespace + "/default";
    }

    private static String path(String namespace, String trigger) {
        return "/" + namespace + "/" + trigger;
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}

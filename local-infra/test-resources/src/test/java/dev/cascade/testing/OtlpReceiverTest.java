package dev.cascade.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/** The receiver against the OTLP/HTTP exporter of the OpenTelemetry Java SDK, and against hand-made requests. */
class OtlpReceiverTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private OtlpReceiver receiver;

    @BeforeEach
    void start() {
        receiver = OtlpReceiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip"})
    void spansFromTheSdkExporterArriveWithIdsParentsKindsAttributesAndService(String compression) {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(receiver.tracesEndpoint())
                .setCompression(compression)
                .build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), "receiver-test"))))
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build();
        try {
            Tracer tracer = provider.get("dev.cascade.testing");
            Span server = tracer.spanBuilder("broker ingress cascade/default").setSpanKind(SpanKind.SERVER)
                    .setNoParent().startSpan();
            Span client = tracer.spanBuilder("deliver cascade/orders").setSpanKind(SpanKind.CLIENT)
                    .setParent(Context.root().with(server))
                    .setAttribute("cloudevents.event_id", "event-1")
                    .setAttribute("devmesh.delivery.attempt", 2L)
                    .setAttribute("devmesh.retry", true)
                    .setAttribute("ratio", 0.5)
                    .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
                    .startSpan();
            client.setStatus(StatusCode.ERROR, "HTTP 503");
            client.end();
            server.end();

            CompletableResultCode flushed = provider.forceFlush().join(10, TimeUnit.SECONDS);
            assertThat(flushed.isSuccess()).as("the exporter accepted the receiver's answer").isTrue();

            List<OtlpReceiver.Span> spans = receiver.awaitSpans(received -> received.size() == 2, WAIT);
            String traceId = server.getSpanContext().getTraceId();
            OtlpReceiver.Span ingress = named(spans, "broker ingress cascade/default");
            OtlpReceiver.Span delivery = named(spans, "deliver cascade/orders");

            assertThat(ingress.traceId()).isEqualTo(traceId);
            assertThat(ingress.spanId()).isEqualTo(server.getSpanContext().getSpanId());
            assertThat(ingress.root()).isTrue();
            assertThat(ingress.kind()).isEqualTo(OtlpReceiver.Span.Kind.SERVER);
            assertThat(ingress.serviceName()).isEqualTo("receiver-test");
            assertThat(ingress.status()).isEqualTo(OtlpReceiver.Span.Status.UNSET);

            assertThat(delivery.traceId()).isEqualTo(traceId);
            assertThat(delivery.spanId()).isEqualTo(client.getSpanContext().getSpanId());
            assertThat(delivery.parentSpanId()).isEqualTo(ingress.spanId());
            assertThat(delivery.kind()).isEqualTo(OtlpReceiver.Span.Kind.CLIENT);
            assertThat(delivery.attributes())
                    .containsEntry("cloudevents.event_id", "event-1")
                    .containsEntry("devmesh.delivery.attempt", "2")
                    .containsEntry("devmesh.retry", "true")
                    .containsEntry("ratio", "0.5")
                    .containsEntry("tags", "[a, b]");
            assertThat(delivery.status()).isEqualTo(OtlpReceiver.Span.Status.ERROR);
            assertThat(delivery.statusMessage()).isEqualTo("HTTP 503");
            assertThat(delivery.startNanos()).isPositive().isLessThanOrEqualTo(delivery.endNanos());
            assertThat(ingress.startNanos()).isLessThanOrEqualTo(delivery.startNanos());

            assertThat(receiver.spansOf(traceId)).hasSize(2);
            assertThat(receiver.spansOf("0".repeat(32))).isEmpty();
            receiver.clear();
            assertThat(receiver.spans()).isEmpty();
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void otlpJsonIsAcceptedToo() throws Exception {
        String request = """
                {"resourceSpans":[{
                  "resource":{"attributes":[{"key":"service.name","value":{"stringValue":"curl"}}]},
                  "scopeSpans":[{"scope":{"name":"manual"},"spans":[{
                    "traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174",
                    "parentSpanId":"EEE19B7EC3C1B173","name":"by hand","kind":3,
                    "startTimeUnixNano":"1544712660000000000","endTimeUnixNano":1544712661000000000,
                    "attributes":[{"key":"attempt","value":{"intValue":"3"}},
                                  {"key":"ok","value":{"boolValue":false}}],
                    "status":{"code":2,"message":"boom"}}]}]}]}""";
        HttpResponse<String> response = post("application/json", HttpRequest.BodyPublishers.ofString(request));

        assertThat(response.statusCode()).isEqualTo(200);
        OtlpReceiver.Span span = receiver.awaitSpans(spans -> spans.size() == 1, WAIT).get(0);
        assertThat(span.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(span.spanId()).isEqualTo("eee19b7ec3c1b174");
        assertThat(span.parentSpanId()).isEqualTo("eee19b7ec3c1b173");
        assertThat(span.kind()).isEqualTo(OtlpReceiver.Span.Kind.CLIENT);
        assertThat(span.serviceName()).isEqualTo("curl");
        assertThat(span.startNanos()).isEqualTo(1544712660000000000L);
        assertThat(span.endNanos()).isEqualTo(1544712661000000000L);
        assertThat(span.attributes()).containsEntry("attempt", "3").containsEntry("ok", "false");
        assertThat(span.status()).isEqualTo(OtlpReceiver.Span.Status.ERROR);
    }

    @Test
    void malformedOrMisaddressedRequestsAreRefusedAndKeepNothing() throws Exception {
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};
        assertThat(post("application/x-protobuf", HttpRequest.BodyPublishers.ofByteArray(garbage)).statusCode())
                .isEqualTo(400);
        assertThat(post("application/json", HttpRequest.BodyPublishers.ofString("{")).statusCode()).isEqualTo(400);
        assertThat(post("application/json", HttpRequest.BodyPublishers.ofString("[]")).statusCode()).isEqualTo(400);
        assertThat(post("text/plain", HttpRequest.BodyPublishers.ofString("spans")).statusCode()).isEqualTo(415);
        HttpResponse<String> elsewhere = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(receiver.endpoint() + "/v1/other"))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        HttpResponse<String> get = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(receiver.tracesEndpoint())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(receiver.spans()).isEmpty();
    }

    @Test
    void awaitingSpansThatNeverComeFailsAndSaysWhatArrived() {
        assertThatThrownBy(() -> receiver.awaitSpans(spans -> !spans.isEmpty(), Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("received 0");
    }

    private HttpResponse<String> post(String contentType, HttpRequest.BodyPublisher body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(receiver.tracesEndpoint()))
                .header("Content-Type", contentType).POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static OtlpReceiver.Span named(List<OtlpReceiver.Span> spans, String name) {
        return spans.stream().filter(span -> span.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
    }
}

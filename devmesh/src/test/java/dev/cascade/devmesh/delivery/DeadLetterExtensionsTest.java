package dev.cascade.devmesh.delivery;

import static dev.cascade.devmesh.BrokerClass.KAFKA;
import static dev.cascade.devmesh.BrokerClass.MT_CHANNEL_BASED;
import static dev.cascade.devmesh.delivery.DeadLetterExtensions.ERROR_CODE;
import static dev.cascade.devmesh.delivery.DeadLetterExtensions.ERROR_DATA;
import static dev.cascade.devmesh.delivery.DeadLetterExtensions.ERROR_DEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.cascade.devmesh.BrokerClass;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeadLetterExtensionsTest {

    static final URI SUBSCRIBER = URI.create("http://orders.shop.svc.cluster.local/events");
    static final String DEST = SUBSCRIBER.toString();
    static final String ERROR_BODY = "{\"message\": \"bad bad things happened\"}";
    static final String ERROR_BODY_BASE64 = "eyJtZXNzYWdlIjogImJhZCBiYWQgdGhpbmdzIGhhcHBlbmVkIn0=";

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code n} bytes of 'A': base64 "QUFB" per 3 bytes, then "QQ==" or "QUE=" for a remainder of 1 or 2. */
    static byte[] letterA(int n) {
        byte[] body = new byte[n];
        Arrays.fill(body, (byte) 'A');
        return body;
    }

    static Stream<Arguments> responses() {
        return Stream.of(
                arguments("MT: 422 with a body", MT_CHANNEL_BASED, 422, bytes(ERROR_BODY),
                        Map.of(ERROR_DEST, DEST, ERROR_CODE, "422", ERROR_DATA, ERROR_BODY_BASE64)),
                arguments("MT: 503 with an empty body has empty data", MT_CHANNEL_BASED, 503, new byte[0],
                        Map.of(ERROR_DEST, DEST, ERROR_CODE, "503", ERROR_DATA, "")),
                arguments("MT: no body has empty data", MT_CHANNEL_BASED, 400, null,
                        Map.of(ERROR_DEST, DEST, ERROR_CODE, "400", ERROR_DATA, "")),
                arguments("MT: 767-byte body encodes to exactly 1024 characters, kept whole", MT_CHANNEL_BASED, 500,
                        letterA(767), Map.of(ERROR_DEST, DEST, ERROR_CODE, "500",
                                ERROR_DATA, "QUFB".repeat(255) + "QUE=")),
                arguments("MT: 769-byte body: base64 text cut at 1024 characters", MT_CHANNEL_BASED, 500,
                        letterA(769), Map.of(ERROR_DEST, DEST, ERROR_CODE, "500", ERROR_DATA, "QUFB".repeat(256))),
                arguments("MT: 2000-byte body: base64 text cut at 1024 characters", MT_CHANNEL_BASED, 500,
                        letterA(2000), Map.of(ERROR_DEST, DEST, ERROR_CODE, "500", ERROR_DATA, "QUFB".repeat(256))),
                arguments("KB: 422 with a body", KAFKA, 422, bytes(ERROR_BODY),
                        Map.of(ERROR_DEST, DEST, ERROR_CODE, "422", ERROR_DATA, ERROR_BODY_BASE64)),
                arguments("KB: no body means no data extension", KAFKA, 503, null,
                        Map.of(ERROR_DEST, DEST, ERROR_CODE, "503")),
                arguments("KB: an empty body gives empty data", KAFKA, 503, new byte[0],
                        Map.of(ERROR_DEST, DEST, ERROR_CODE, "503", ERROR_DATA, "")),
                arguments("KB: 1024-byte body kept whole", KAFKA, 500, letterA(1024),
                        Map.of(ERROR_DEST, DEST, ERROR_CODE, "500", ERROR_DATA, "QUFB".repeat(341) + "QQ==")),
                arguments("KB: 1025-byte body cut to 1024 bytes before encoding", KAFKA, 500, letterA(1025),
                        Map.of(ERROR_DEST, DEST, ERROR_CODE, "500", ERROR_DATA, "QUFB".repeat(341) + "QQ==")),
                arguments("KB: 2000-byte body cut to 1024 bytes, so 1368 base64 characters", KAFKA, 500,
                        letterA(2000),
                        Map.of(ERROR_DEST, DEST, ERROR_CODE, "500", ERROR_DATA, "QUFB".repeat(341) + "QQ==")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void responseBodyIsBase64WithTheClassCap(String rule, BrokerClass cls, int status, byte[] body,
            Map<String, String> expected) {
        assertThat(DeadLetterExtensions.forResponse(cls, SUBSCRIBER, status, body, Map.of())).isEqualTo(expected);
    }

    @Test
    void capsDifferInWhatTheyCount() {
        byte[] large = letterA(5000);

        String mt = DeadLetterExtensions.forResponse(MT_CHANNEL_BASED, SUBSCRIBER, 500, large, null).get(ERROR_DATA);
        String kb = DeadLetterExtensions.forResponse(KAFKA, SUBSCRIBER, 500, large, null).get(ERROR_DATA);

        assertThat(mt).hasSize(1024);
        assertThat(kb).hasSize(1368);
    }

    @Test
    void kafkaCopiesKnePrefixedResponseHeadersLowerCased() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Kne-TestError", List.of("hello"));
        headers.put("kne-retrycount", List.of("1", "2"));
        headers.put("KNE-Region", List.of("eu"));
        headers.put("something", List.of("nope"));
        headers.put("Content-Type", List.of("application/json"));
        headers.put("Kne-Empty", List.of());

        Map<String, String> extensions =
                DeadLetterExtensions.forResponse(KAFKA, SUBSCRIBER, 422, bytes("Bad error"), headers);

        assertThat(extensions).isEqualTo(Map.of(
                ERROR_DEST, DEST,
                ERROR_CODE, "422",
                ERROR_DATA, "QmFkIGVycm9y",
                "testerror", "hello",
                "retrycount", "2",
                "region", "eu"));
    }

    @Test
    void kafkaSkipsKneHeadersThatAreNoValidExtensionName() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Kne-Retry-Count", List.of("3"));
        headers.put("Kne-", List.of("x"));
        headers.put("Kne-ok1", List.of("y"));

        Map<String, String> extensions = DeadLetterExtensions.forResponse(KAFKA, SUBSCRIBER, 500, null, headers);

        assertThat(extensions).isEqualTo(Map.of(ERROR_DEST, DEST, ERROR_CODE, "500", "ok1", "y"));
    }

    @Test
    void kafkaKneHeaderCanOverrideTheCodeButTheBodyWinsOverData() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Kne-KnativeErrorCode", List.of("999"));
        headers.put("Kne-KnativeErrorData", List.of("from-header"));

        Map<String, String> extensions =
                DeadLetterExtensions.forResponse(KAFKA, SUBSCRIBER, 422, bytes("Bad error"), headers);

        assertThat(extensions).isEqualTo(Map.of(ERROR_DEST, DEST, ERROR_CODE, "999", ERROR_DATA, "QmFkIGVycm9y"));
    }

    @Test
    void channelBasedIgnoresResponseHeaders() {
        Map<String, List<String>> headers = Map.of("Kne-TestError", List.of("hello"));

        Map<String, String> extensions =
                DeadLetterExtensions.forResponse(MT_CHANNEL_BASED, SUBSCRIBER, 422, bytes("Bad error"), headers);

        assertThat(extensions).isEqualTo(Map.of(ERROR_DEST, DEST, ERROR_CODE, "422", ERROR_DATA, "QmFkIGVycm9y"));
    }

    @Test
    void channelBasedReportsANonHttpDestinationAsHttpHostRoot() {
        URI kafkaTarget = URI.create("kafka://user@broker.ns:9092/topic?x=1");

        Map<String, String> extensions =
                DeadLetterExtensions.forResponse(MT_CHANNEL_BASED, kafkaTarget, 500, null, null);

        assertThat(extensions).containsEntry(ERROR_DEST, "http://broker.ns:9092/");
    }

    @Test
    void httpsDestinationIsReportedAsIs() {
        URI https = URI.create("https://orders.shop.svc:8443/events?tenant=a");

        assertThat(DeadLetterExtensions.forResponse(MT_CHANNEL_BASED, https, 500, null, null))
                .containsEntry(ERROR_DEST, "https://orders.shop.svc:8443/events?tenant=a");
        assertThat(DeadLetterExtensions.forResponse(KAFKA, https, 500, null, null))
                .containsEntry(ERROR_DEST, "https://orders.shop.svc:8443/events?tenant=a");
    }

    @Test
    void channelBasedTransportErrorIsCode500WithTheWrappedMessage() {
        Map<String, String> extensions =
                DeadLetterExtensions.forTransportError(MT_CHANNEL_BASED, SUBSCRIBER, "connection refused");

        assertThat(extensions).isEqualTo(Map.of(
                ERROR_DEST, DEST,
                ERROR_CODE, "500",
                ERROR_DATA, "ZGlzcGF0Y2ggZXJyb3I6IGNvbm5lY3Rpb24gcmVmdXNlZA=="));
    }

    @Test
    void channelBasedTransportErrorDataIsCappedToo() {
        String longMessage = "x".repeat(2000);

        String data = DeadLetterExtensions.forTransportError(MT_CHANNEL_BASED, SUBSCRIBER, longMessage)
                .get(ERROR_DATA);

        assertThat(data).hasSize(1024).startsWith("ZGlzcGF0Y2ggZXJyb3I6IH");
    }

    @Test
    void kafkaTransportErrorCarriesOnlyTheDestination() {
        assertThat(DeadLetterExtensions.forTransportError(KAFKA, SUBSCRIBER, "connection refused"))
                .isEqualTo(Map.of(ERROR_DEST, DEST));
    }

    @Test
    void extensionMapsAreUnmodifiable() {
        Map<String, String> extensions = DeadLetterExtensions.forTransportError(KAFKA, SUBSCRIBER, "timeout");

        assertThatThrownBy(() -> extensions.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void extensionNamesAreKnativesAndValidCloudEventsNames() {
        assertThat(List.of(ERROR_DEST, ERROR_CODE, ERROR_DATA))
                .containsExactly("knativeerrordest", "knativeerrorcode", "knativeerrordata")
                .allMatch(name -> name.matches("[a-z0-9]+"));
        assertThat(DeadLetterExtensions.ERROR_DATA_MAX).isEqualTo(1024);
    }
}

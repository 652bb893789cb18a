package dev.cascade.deadletter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.deadletter.DeadLetterRecorded;
import dev.cascade.deadletter.cloudevents.CloudEventHttp;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.vertx.core.MultiMap;

class DeadLetterTest {

    private static final Instant RECEIVED = Instant.parse("2026-03-14T09:27:34.880Z");

    @Test
    void knativesErrorExtensionsArePickedOutAndKeptAmongTheExtensions() {
        DeadLetter letter = DeadLetter.of("dl-1", deadEvent(EventTypes.ORDER_CONFIRMED_V1), RECEIVED);

        assertThat(letter.errorDest()).isEqualTo("http://notification-service.cascade.svc.cluster.local");
        assertThat(letter.errorCode()).isEqualTo("503");
        assertThat(letter.errorData()).isEqualTo("c2VydmljZSB1bmF2YWlsYWJsZQ==");
        assertThat(letter.extensions()).containsEntry("knativeerrorcode", "503").containsEntry("count", "3");
        assertThat(letter.attributes())
                .containsEntry("specversion", "1.0")
                .containsEntry("id", "evt-1")
                .containsEntry("time", "2026-03-14T09:26:52.75Z")
                .containsEntry("datacontenttype", "application/json");
    }

    @Test
    void recordedAnnouncementDescribesTheDeadEvent() {
        DeadLetterRecorded recorded = DeadLetter.of("dl-1", deadEvent(EventTypes.ORDER_CONFIRMED_V1), RECEIVED)
                .recorded();

        assertThat(recorded).isEqualTo(new DeadLetterRecorded("dl-1", "evt-1", EventSources.ORDER_SERVICE,
                EventTypes.ORDER_CONFIRMED_V1, 503, "http://notification-service.cascade.svc.cluster.local",
                RECEIVED));
    }

    @Test
    void onlyADeadAnnouncementIsAnAnnouncement() {
        assertThat(DeadLetter.of("dl-1", deadEvent(EventTypes.DEADLETTER_RECORDED_V1), RECEIVED).isAnnouncement())
                .isTrue();
        assertThat(DeadLetter.of("dl-2", deadEvent(EventTypes.ORDER_CONFIRMED_V1), RECEIVED).isAnnouncement())
                .isFalse();
    }

    @Test
    void redriveSendsTheOriginalEventWithoutKnativesErrorExtensions() {
        CloudEvent dead = deadEvent(EventTypes.ORDER_CONFIRMED_V1);

        CloudEvent redriven = Redrive.originalEvent(DeadLetter.of("dl-1", dead, RECEIVED));

        assertThat(redriven.getExtensionNames()).containsExactly("count");
        assertThat(redriven.getId()).isEqualTo(dead.getId());
        assertThat(redriven.getSource()).isEqualTo(dead.getSource());
        assertThat(redriven.getType()).isEqualTo(dead.getType());
        assertThat(redriven.getTime()).isEqualTo(dead.getTime());
        assertThat(redriven.getSubject()).isEqualTo(dead.getSubject());
        assertThat(redriven.getDataContentType()).isEqualTo(dead.getDataContentType());
        assertThat(redriven.getData().toBytes()).isEqualTo(dead.getData().toBytes());
    }

    @Test
    void jsonDataOfAStructuredEventWithoutContentTypeIsRedrivenAsJson() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/cloudevents+json");
        CloudEvent structured = CloudEventHttp.read(headers, """
                {"specversion":"1.0","id":"e-1","source":"/test","type":"t","data":{"orderId":"order-1"}}"""
                .getBytes(StandardCharsets.UTF_8));

        DeadLetter letter = DeadLetter.of("dl-1", structured, RECEIVED);
        CloudEvent redriven = Redrive.originalEvent(letter);

        // The SDK fills in what the JSON format implies, so the binary-mode redrive says what the data is.
        assertThat(letter.dataContentType()).isEqualTo("application/json");
        assertThat(redriven.getDataContentType()).isEqualTo("application/json");
        assertThat(new String(redriven.getData().toBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"orderId\":\"order-1\"}");
    }

    private static CloudEvent deadEvent(String type) {
        return CloudEventBuilder.v1()
                .withId("evt-1")
                .withSource(URI.create(EventSources.ORDER_SERVICE))
                .withType(type)
                .withSubject("order-1001")
                .withTime(OffsetDateTime.parse("2026-03-14T09:26:52.750Z"))
                .withExtension("knativeerrordest", "http://notification-service.cascade.svc.cluster.local")
                .withExtension("knativeerrorcode", "503")
                .withExtension("knativeerrordata", "c2VydmljZSB1bmF2YWlsYWJsZQ==")
                .withExtension("count", 3)
                .withData("application/json", "{\"orderId\":\"order-1001\"}".getBytes())
                .build();
    }
}

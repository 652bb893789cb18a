package dev.cascade.deadletter.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cascade.deadletter.cloudevents.CloudEventHttp.NotACloudEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.vertx.core.MultiMap;

class CloudEventHttpTest {

    @Test
    void binaryModeHeadersArePercentDecoded() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Ce-Specversion", "1.0").add("ce-id", "e-1").add("ce-source", "/test").add("ce-type", "t")
                .add("ce-subject", "Z%C3%BCrich%20Nord").add("ce-knativeerrorcode", "422")
                .add("Content-Type", "text/plain");

        CloudEvent event = CloudEventHttp.read(headers, "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(event.getSubject()).isEqualTo("Zürich Nord");
        assertThat(event.getExtension("knativeerrorcode")).isEqualTo("422");
        assertThat(event.getDataContentType()).isEqualTo("text/plain");
        assertThat(event.getData().toBytes()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void structuredModeIsReadFromTheBody() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/cloudevents+json");
        byte[] body = """
                {"specversion":"1.0","id":"e-2","source":"/test","type":"t","data_base64":"AAEC","myext":"v"}"""
                .getBytes(StandardCharsets.UTF_8);

        CloudEvent event = CloudEventHttp.read(headers, body);

        assertThat(event.getId()).isEqualTo("e-2");
        assertThat(event.getExtension("myext")).isEqualTo("v");
        assertThat(event.getData().toBytes()).containsExactly(0, 1, 2);
    }

    @Test
    void requestWithoutCloudEventIsRefused() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");

        assertThatThrownBy(() -> CloudEventHttp.read(headers, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(NotACloudEvent.class);
    }

    @Test
    void eventWithAnEmptyIdIsRefused() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("ce-specversion", "1.0").add("ce-id", "").add("ce-source", "/test").add("ce-type", "t");

        assertThatThrownBy(() -> CloudEventHttp.read(headers, new byte[0]))
                .isInstanceOf(NotACloudEvent.class)
                .hasMessageContaining("id");
    }

    @Test
    void binaryModeWritesOneEncodedHeaderPerAttributeAndTheDataAsBody() {
        CloudEvent event = CloudEventBuilder.v1().withId("e-3").withSource(URI.create("/test")).withType("t")
                .withSubject("für dich").withExtension("traceparent", "00-abc-def-01")
                .withData("application/octet-stream", new byte[] {0, 1}).build();
        Map<String, String> headers = new LinkedHashMap<>();

        byte[] body = CloudEventHttp.writeBinary(event, headers::put);

        assertThat(headers).containsEntry("ce-specversion", "1.0")
                .containsEntry("ce-id", "e-3")
                .containsEntry("ce-source", "/test")
                .containsEntry("ce-type", "t")
                .containsEntry("ce-subject", "f%C3%BCr%20dich")
                .containsEntry("ce-traceparent", "00-abc-def-01")
                .containsEntry("Content-Type", "application/octet-stream")
                .doesNotContainKey("ce-datacontenttype");
        assertThat(body).containsExactly(0, 1);
    }
}

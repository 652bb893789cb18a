package dev.cascade.deadletter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class PayloadsTest {

    @Test
    void jsonIsShownAsTextEvenWhenItIsBroken() {
        Payloads.Shown shown = Payloads.show("{\"a\": oops".getBytes(StandardCharsets.UTF_8), "application/json");

        assertThat(shown).isEqualTo(new Payloads.Shown(Payloads.TEXT, "{\"a\": oops"));
    }

    @Test
    void textualTypesAreText() {
        assertThat(Payloads.isTextual("text/plain; charset=utf-8")).isTrue();
        assertThat(Payloads.isTextual("application/cloudevents+json")).isTrue();
        assertThat(Payloads.isTextual("application/vnd.api+json")).isTrue();
        assertThat(Payloads.isTextual("application/xml")).isTrue();
        assertThat(Payloads.isTextual(null)).isTrue();
        assertThat(Payloads.isTextual("application/octet-stream")).isFalse();
        assertThat(Payloads.isTextual("image/png")).isFalse();
    }

    @Test
    void binaryTypesAreBase64() {
        byte[] data = "plain ascii".getBytes(StandardCharsets.UTF_8);

        assertThat(Payloads.show(data, "application/octet-stream"))
                .isEqualTo(new Payloads.Shown(Payloads.BASE64, Base64.getEncoder().encodeToString(data)));
    }

    @Test
    void textualTypeWithBytesThatAreNotUtf8IsBase64() {
        byte[] data = {'o', 'k', (byte) 0xFF, (byte) 0xFE};

        assertThat(Payloads.show(data, "text/plain").encoding()).isEqualTo(Payloads.BASE64);
    }

    @Test
    void noDataIsShownAsNothing() {
        assertThat(Payloads.show(null, "application/json")).isNull();
    }
}

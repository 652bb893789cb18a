package dev.cascade.deadletter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class KnativeErrorTest {

    @Test
    void errorCodeIsAnHttpStatusOrNothing() {
        assertThat(KnativeError.status("422")).isEqualTo(422);
        assertThat(KnativeError.status(" 503 ")).isEqualTo(503);
        assertThat(KnativeError.status("0")).isNull();
        assertThat(KnativeError.status("boom")).isNull();
        assertThat(KnativeError.status(null)).isNull();
    }

    @Test
    void errorDataIsDecodedWhenItIsText() {
        String body = "{\"title\":\"The event cannot be processed\"}";

        assertThat(KnativeError.dataText(base64(body))).contains(body);
    }

    @Test
    void errorDataCutByTheBrokerIsDecodedAsFarAsItGoes() {
        // MT keeps the first 1024 base64 characters; a cut can fall inside a quantum and inside a UTF-8 sequence.
        String body = "a".repeat(766) + "üü";
        String cut = base64(body).substring(0, 1024);

        assertThat(KnativeError.dataText(cut)).hasValueSatisfying(text -> assertThat(text).startsWith("aaa"));
    }

    @Test
    void errorDataThatIsNotBase64TextIsNotDecoded() {
        assertThat(KnativeError.dataText("%%%")).isEmpty();
        assertThat(KnativeError.dataText(Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF, 0x00})))
                .isEmpty();
        assertThat(KnativeError.dataText("")).isEmpty();
        assertThat(KnativeError.dataText(null)).isEmpty();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.cascade.deadletter.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentEncodingTest {

    @Test
    void printableAsciiTravelsAsItIs() {
        assertThat(PercentEncoding.encode("urn:cascade:order-service")).isEqualTo("urn:cascade:order-service");
    }

    @Test
    void spaceQuotePercentAndNonAsciiAreEncodedAsUtf8() {
        assertThat(PercentEncoding.encode("Zürich \"100%\"\n")).isEqualTo("Z%C3%BCrich%20%22100%25%22%0A");
    }

    @Test
    void decodingRestoresWhatEncodingChanged() {
        String text = "Bestellung für Zürich: \"50%\" ✓\r\n";
        assertThat(PercentEncoding.decode(PercentEncoding.encode(text))).isEqualTo(text);
    }

    @Test
    void aPercentThatStartsNoEscapeIsKept() {
        assertThat(PercentEncoding.decode("100% sure %zz %4")).isEqualTo("100% sure %zz %4");
    }
}

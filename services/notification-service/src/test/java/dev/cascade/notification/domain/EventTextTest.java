package dev.cascade.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventTextTest {

    @Test
    void controlCharactersAndLineSeparatorsBecomeOneSpace() {
        assertThat(EventText.clean("a\r\nb\u0000c\u001bd\u0085e\u2028f\u2029g\u007fh\ti"))
                .isEqualTo("a b c d e f g h i");
    }

    @Test
    void ordinaryTextIsKept() {
        assertThat(EventText.clean("Zahlung abgelehnt: Karte gesperrt (Code 05) ✓")).isEqualTo(
                "Zahlung abgelehnt: Karte gesperrt (Code 05) ✓");
    }

    @Test
    void nothingStaysNothing() {
        assertThat(EventText.clean(null)).isNull();
        assertThat(EventText.clean("\n")).isEmpty();
    }
}

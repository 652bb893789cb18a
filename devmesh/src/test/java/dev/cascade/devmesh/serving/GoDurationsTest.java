package dev.cascade.devmesh.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationsTest {

    @ParameterizedTest
    @CsvSource({
        "60s, PT60S",
        "1m30s, PT1M30S",
        "1.5h, PT1H30M",
        "500ms, PT0.5S",
        "2us, PT0.000002S",
        "0, PT0S",
        "-1s, PT-1S",
        "+3m, PT3M",
    })
    void parsesWhatGoParses(String text, String expected) {
        assertThat(GoDurations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "60", "1d", "s", "1.2.3s", "PT60S", "-", "99999999999999h"})
    void refusesWhatGoRefuses(String text) {
        assertThatThrownBy(() -> GoDurations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("time: ");
    }
}

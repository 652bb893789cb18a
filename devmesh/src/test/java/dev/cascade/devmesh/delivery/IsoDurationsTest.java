package dev.cascade.devmesh.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IsoDurationsTest {

    static Stream<Arguments> accepted() {
        return Stream.of(
                arguments("PT0.2S", Duration.ofMillis(200)),
                arguments("PT1S", Duration.ofSeconds(1)),
                arguments("PT1.5S", Duration.ofMillis(1500)),
                arguments("PT0,5S", Duration.ofMillis(500)),
                arguments("PT0.25S", Duration.ofMillis(250)),
                arguments("PT1M", Duration.ofMinutes(1)),
                arguments("PT1H30M", Duration.ofMinutes(90)),
                arguments("P1D", Duration.ofHours(24)),
                arguments("P1DT2H", Duration.ofHours(26)),
                arguments("P2W", Duration.ofDays(14)),
                arguments("P1M", Duration.ofSeconds(2_629_746)),
                arguments("P1Y", Duration.ofSeconds(31_556_952)),
                arguments("P1Y2M3W4D", Duration.ofSeconds(31_556_952 + 2 * 2_629_746 + 25 * 86_400)),
                arguments("P0", Duration.ZERO),
                arguments("P0D", Duration.ZERO),
                arguments("PT0S", Duration.ZERO),
                arguments("+PT1S", Duration.ofSeconds(1)),
                arguments("-PT1S", Duration.ofSeconds(-1)),
                arguments("-P1D", Duration.ofDays(-1)));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("accepted")
    void parsesWhatJavaDurationOrPeriodCanExpress(String text, Duration expected) {
        assertThat(IsoDurations.parse(text)).isEqualTo(expected);
        assertThat(IsoDurations.isValid(text)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @ValueSource(strings = {"", "1s", "200ms", "P", "PT", "T1S", "PT1X", "pt1s", "Pt1S", "PT1.5M", "P1.5D", "P1YT1H",
        "P1WT1H", " PT1S", "PT1S "})
    void rejectsTheRest(String text) {
        assertThat(IsoDurations.isValid(text)).isFalse();
        assertThatThrownBy(() -> IsoDurations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}

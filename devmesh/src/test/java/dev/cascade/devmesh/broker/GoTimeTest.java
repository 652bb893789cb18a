package dev.cascade.devmesh.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoTimeTest {

    @ParameterizedTest
    @CsvSource({
            "2019-08-26T23:38:17.834384404Z, 2019-08-26T23:38:17.834384404Z",
            "2019-08-26T23:38:17.780Z, 2019-08-26T23:38:17.78Z",
            "2024-01-02T03:04:05Z, 2024-01-02T03:04:05Z",
            "2024-01-02T03:04:05.000000001Z, 2024-01-02T03:04:05.000000001Z",
            "0999-12-31T23:59:59.5Z, 0999-12-31T23:59:59.5Z"})
    void rendersLikeGoRfc3339NanoWithTrailingZerosTrimmed(String instant, String expected) {
        assertThat(GoTime.rfc3339Nano(Instant.parse(instant))).isEqualTo(expected);
    }
}

package dev.cascade.telemetry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class WindowsTest {

    private static final Duration LATENESS = Duration.ofSeconds(30);

    @Test
    void windowsAreWholeUtcMinutesEndExclusive() {
        assertThat(Windows.startOf(Instant.parse("2026-03-14T10:15:59.999999Z")))
                .isEqualTo(Instant.parse("2026-03-14T10:15:00Z"));
        assertThat(Windows.startOf(Instant.parse("2026-03-14T10:16:00Z")))
                .isEqualTo(Instant.parse("2026-03-14T10:16:00Z"));
        assertThat(Windows.endOf(Instant.parse("2026-03-14T10:15:00Z")))
                .isEqualTo(Instant.parse("2026-03-14T10:16:00Z"));
        assertThat(Windows.startOf(Instant.parse("1969-12-31T23:59:30Z")))
                .isEqualTo(Instant.parse("1969-12-31T23:59:00Z"));
    }

    @Test
    void aReadingIsLateOnceTheWatermarkReachedItsWindowsEnd() {
        Instant watermark = Windows.watermark(Instant.parse("2026-03-14T10:16:30Z"), LATENESS);

        assertThat(watermark).isEqualTo(Instant.parse("2026-03-14T10:16:00Z"));
        assertThat(Windows.isLate(Instant.parse("2026-03-14T10:15:59.999Z"), watermark)).isTrue();
        assertThat(Windows.isLate(Instant.parse("2026-03-14T10:16:00Z"), watermark)).isFalse();
        assertThat(Windows.isLate(Instant.parse("2026-03-14T10:15:59Z"),
                Windows.watermark(Instant.parse("2026-03-14T10:16:29.999Z"), LATENESS))).isFalse();
    }

    @Test
    void nothingIsLateBeforeTheFirstReading() {
        assertThat(Windows.isLate(Instant.parse("1970-01-01T00:00:00Z"), Windows.watermark(null, LATENESS)))
                .isFalse();
    }
}

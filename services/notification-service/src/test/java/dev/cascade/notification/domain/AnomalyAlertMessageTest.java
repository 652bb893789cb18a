package dev.cascade.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.telemetry.AnomalyDetected;
import dev.cascade.contracts.telemetry.AnomalyRule;
import dev.cascade.contracts.telemetry.Severity;

class AnomalyAlertMessageTest {

    private static final Instant START = Instant.parse("2026-03-14T10:15:00Z");

    @Test
    void limitsAlertNamesTheValueAndTheLimits() {
        Message message = AnomalyAlertMessage.of(new AnomalyDetected("anm-1", "probe-3", "temperature", "celsius",
                START, START.plusSeconds(60), AnomalyRule.OUT_OF_LIMITS, 36.5, 0.0, 35.0, null, null, Severity.WARNING));

        assertThat(message.subject()).isEqualTo("WARNING anomaly on probe-3 temperature at 2026-03-14T10:15:00Z");
        assertThat(message.body()).contains("broke rule OUT_OF_LIMITS: a reading of 36.5 celsius left the limits"
                + " [0.0, 35.0] celsius", "Anomaly anm-1, severity WARNING");
    }

    @Test
    void baselineAlertNamesTheZScoreAndTheBaseline() {
        Message message = AnomalyAlertMessage.of(new AnomalyDetected("anm-2", "probe-3", "humidity", "percent",
                START, START.plusSeconds(60), AnomalyRule.BASELINE_DEVIATION, 75.0, null, null, 45.0, 41.2,
                Severity.CRITICAL));

        assertThat(message.body()).contains("the window's mean of 75.0 percent is 41.2 standard deviations from the"
                + " device's baseline of 45.0 percent");
    }

    @Test
    void aDeviceIdCannotBreakTheSubjectLine() {
        Message message = AnomalyAlertMessage.of(new AnomalyDetected("anm-3", "probe\r\nBcc: x@example.com",
                "temperature", "celsius", START, START.plusSeconds(60), AnomalyRule.OUT_OF_LIMITS, 36.5, 0.0, 35.0,
                null, null, Severity.WARNING));

        assertThat(message.subject()).doesNotContain("\n", "\r");
    }
}

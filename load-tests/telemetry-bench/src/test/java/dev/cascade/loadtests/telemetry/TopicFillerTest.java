package dev.cascade.loadtests.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import dev.cascade.loadtests.devices.DeviceSimulation;
import dev.cascade.loadtests.devices.Injected;
import dev.cascade.loadtests.devices.RecordFormat;
import dev.cascade.loadtests.devices.SimulationPlan;

class TopicFillerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T03:40:30.250Z");

    @Test
    void theLastReadingLiesOverAMinuteInThePastSoKafkaTakesEveryTimestamp() {
        for (long count : new long[] {1, 149, 150, 151, 20_000, 100_003}) {
            Instant start = TopicFiller.startFor(count, TelemetryBench.SERIES, TelemetryBench.INTERVAL_SECONDS, NOW);
            Injected injected = new DeviceSimulation(new SimulationPlan(TelemetryBench.DEVICES, count,
                    TelemetryBench.INTERVAL_SECONDS, start, 42, 0, 0, RecordFormat.STRUCTURED)).injected();

            assertThat(start).isEqualTo(start.truncatedTo(ChronoUnit.MINUTES));
            assertThat(injected.lastReading()).as("last of %d", count).isBefore(NOW.minusSeconds(60));
            assertThat(injected.lastReading()).as("last of %d", count).isAfter(NOW.minusSeconds(4 * 60));
        }
    }
}

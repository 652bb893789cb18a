package dev.cascade.loadtests.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ReportTest {

    /** What telemetry-service's /q/metrics writes, other metrics and a _created series included. */
    private static final String METRICS = """
            # HELP cascade_telemetry_readings_total Raw readings processed, by outcome and rejection reason
            # TYPE cascade_telemetry_readings_total counter
            cascade_telemetry_readings_total{outcome="accepted",reason="none"} 19000.0
            cascade_telemetry_readings_total{outcome="duplicate",reason="none"} 500.0
            cascade_telemetry_readings_total{outcome="rejected",reason="late"} 300.0
            cascade_telemetry_readings_total{outcome="rejected",reason="out_of_physical_range"} 2.0E2
            cascade_telemetry_readings_total_created{outcome="accepted",reason="none"} 1.7324196E9
            # TYPE cascade_telemetry_windows_closed_total counter
            cascade_telemetry_windows_closed_total 3150.0
            """;

    @Test
    void outcomesAreSummedOverTheirRejectionReasonsAndNoOtherSeriesCounts() {
        Map<String, Double> outcomes = TelemetryBench.outcomes(METRICS);

        assertThat(Report.byOutcome(outcomes)).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "accepted", 19_000L, "duplicate", 500L, "rejected", 500L)));
    }
}

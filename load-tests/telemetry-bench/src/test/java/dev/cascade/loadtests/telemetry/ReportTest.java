package dev.cascade.loadtests.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void outcomesAreSummedOverTheirRejectionReasons() {
        Map<String, Double> samples = Map.of(
                "outcome=\"accepted\",reason=\"none\"", 19_000.0,
                "outcome=\"rejected\",reason=\"late\"", 300.0,
                "outcome=\"rejected\",reason=\"out_of_physical_range\"", 200.0,
                "outcome=\"duplicate\",reason=\"none\"", 500.0);

        assertThat(Report.byOutcome(samples)).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "accepted", 19_000L, "duplicate", 500L, "rejected", 500L)));
    }
}

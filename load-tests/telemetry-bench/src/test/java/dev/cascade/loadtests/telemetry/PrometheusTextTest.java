package dev.cascade.loadtests.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String METRICS = """
            # HELP cascade_telemetry_readings_total Raw readings processed, by outcome and rejection reason
            # TYPE cascade_telemetry_readings_total counter
            cascade_telemetry_readings_total{outcome="accepted",reason="none"} 19500.0
            cascade_telemetry_readings_total{outcome="duplicate",reason="none"} 1.0E3
            cascade_telemetry_readings_total{outcome="rejected",reason="late"} 12.0 1732419600000
            cascade_telemetry_readings_total_created{outcome="accepted",reason="none"} 1.7324196E9
            # HELP cascade_telemetry_windows_closed_total
            # TYPE cascade_telemetry_windows_closed_total counter
            cascade_telemetry_windows_closed_total 3150.0
            """;

    @Test
    void sumsEverySampleOfTheCounterAndNoOtherMetric() {
        assertThat(PrometheusText.sum(METRICS, "cascade_telemetry_readings_total")).isEqualTo(20_512.0);
    }

    @Test
    void keepsEachSampleByItsLabels() {
        assertThat(PrometheusText.samples(METRICS, "cascade_telemetry_readings_total")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "outcome=\"accepted\",reason=\"none\"", 19_500.0,
                "outcome=\"duplicate\",reason=\"none\"", 1_000.0,
                "outcome=\"rejected\",reason=\"late\"", 12.0));
    }

    @Test
    void readsAMetricWithoutLabels() {
        assertThat(PrometheusText.samples(METRICS, "cascade_telemetry_windows_closed_total")).isEqualTo(Map.of("", 3150.0));
    }

    @Test
    void aCounterNotYetIncrementedSumsToZero() {
        assertThat(PrometheusText.sum("# HELP jvm_threads_live_threads\njvm_threads_live_threads 42.0\n",
                "cascade_telemetry_readings_total")).isZero();
    }

    @Test
    void aBraceOrQuoteInsideALabelValueDoesNotEndTheLabels() {
        String text = "cascade_telemetry_readings_total{outcome=\"rejected\",detail=\"a } and a \\\" inside\"} 7.0\n";

        assertThat(PrometheusText.sum(text, "cascade_telemetry_readings_total")).isEqualTo(7.0);
    }
}

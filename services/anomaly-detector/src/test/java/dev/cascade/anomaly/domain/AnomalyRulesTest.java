package dev.cascade.anomaly.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.telemetry.AnomalyRule;
import dev.cascade.contracts.telemetry.Severity;
import dev.cascade.contracts.telemetry.WindowClosed;

class AnomalyRulesTest {

    private static final AnomalyRules RULES = new AnomalyRules(
            Map.of("temperature", new SensorLimits("celsius", 0.0, 35.0)), 10, 3.0, 5.0, 0.01);

    private static final Baseline STEADY = Baseline.of(List.of(20.0, 20.2, 19.8, 20.1, 19.9, 20.0, 20.2, 19.8, 20.1, 19.9));

    @Test
    void aSpikeAboveTheUpperLimitIsAWarningObservedAtTheMax() {
        Finding finding = RULES.evaluate(window("temperature", "celsius", 30.0, 34.0, 36.5), Baseline.EMPTY).orElseThrow();

        assertThat(finding).isEqualTo(new Finding(AnomalyRule.OUT_OF_LIMITS, 36.5, 0.0, 35.0, null, null, Severity.WARNING));
    }

    @Test
    void aWindowWhoseMeanIsBelowTheLowerLimitIsCriticalObservedAtTheMin() {
        Finding finding = RULES.evaluate(window("temperature", "celsius", -4.0, -2.0, 1.0), STEADY).orElseThrow();

        assertThat(finding.rule()).isEqualTo(AnomalyRule.OUT_OF_LIMITS);
        assertThat(finding.observed()).isEqualTo(-4.0);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void limitsInAnotherUnitDoNotApply() {
        assertThat(RULES.evaluate(window("temperature", "fahrenheit", 70.0, 72.0, 74.0), Baseline.EMPTY)).isEmpty();
    }

    @Test
    void aMeanFarFromTheBaselineIsADeviationWithItsZScore() {
        Finding finding = RULES.evaluate(window("temperature", "celsius", 20.4, 20.5, 20.6), STEADY).orElseThrow();

        assertThat(finding.rule()).isEqualTo(AnomalyRule.BASELINE_DEVIATION);
        assertThat(finding.observed()).isEqualTo(20.5);
        assertThat(finding.baselineMean()).isCloseTo(20.0, within(1e-9));
        assertThat(finding.zScore()).isCloseTo((20.5 - 20.0) / STEADY.stddev(), within(0.001));
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(RULES.evaluate(window("temperature", "celsius", 24.0, 25.0, 26.0), STEADY).orElseThrow().severity())
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void withinThreeStandardDeviationsIsNormal() {
        assertThat(RULES.evaluate(window("temperature", "celsius", 20.0, 20.3, 20.6), STEADY)).isEmpty();
    }

    @Test
    void theBaselineRuleWaitsForTenWindowsOfHistory() {
        Baseline nine = Baseline.of(Collections.nCopies(9, 20.0));

        assertThat(RULES.evaluate(window("temperature", "celsius", 29.0, 30.0, 31.0), nine)).isEmpty();
        assertThat(RULES.evaluate(window("temperature", "celsius", 29.0, 30.0, 31.0),
                Baseline.of(Collections.nCopies(10, 20.0)))).isPresent();
    }

    @Test
    void aConstantBaselineDividesByTheMinimumStddevNotByZero() {
        Finding finding = RULES.evaluate(window("humidity", "percent", 50.0, 50.1, 50.2),
                Baseline.of(Collections.nCopies(10, 50.0))).orElseThrow();

        assertThat(finding.zScore()).isCloseTo(10.0, within(0.001));
    }

    @Test
    void baselineIsTheSampleMeanAndStandardDeviation() {
        Baseline baseline = Baseline.of(List.of(2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0));

        assertThat(baseline.windows()).isEqualTo(8);
        assertThat(baseline.mean()).isCloseTo(5.0, within(1e-12));
        assertThat(baseline.stddev()).isCloseTo(Math.sqrt(32.0 / 7.0), within(1e-12));
    }

    private static WindowClosed window(String sensorType, String unit, double min, double mean, double max) {
        Instant start = Instant.parse("2026-03-14T10:15:00Z");
        return new WindowClosed("probe-1", sensorType, unit, start, start.plusSeconds(60), 12, min, max, mean, max);
    }
}

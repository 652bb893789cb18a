package dev.cascade.loadtests.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ThroughputTest {

    @Test
    void aRateIsRecordsOverSeconds() {
        assertThat(Throughput.perSecond(1_000_000, 80.0)).isEqualTo(12_500.0);
        assertThat(Throughput.perSecond(10, 0)).isNaN();
    }

    @Test
    void theGoalIsHalfTheBaselineAndExactlyHalfMeetsIt() {
        assertThat(Throughput.ratio(250_000, 500_000)).isEqualTo(0.5);
        assertThat(Throughput.met(Throughput.ratio(250_000, 500_000))).isTrue();
        assertThat(Throughput.met(Throughput.ratio(249_999, 500_000))).isFalse();
    }

    @Test
    void anUnknownFigureNeverMeetsTheGoal() {
        assertThat(Throughput.ratio(Double.NaN, 500_000)).isNaN();
        assertThat(Throughput.ratio(10_000, 0)).isNaN();
        assertThat(Throughput.met(Double.NaN)).isFalse();
    }

    @Test
    void theMedianOfRunsIsTheMiddleOneOrTheMeanOfTheTwoMiddleOnes() {
        assertThat(Throughput.median(List.of(9_000.0, 7_000.0, 8_000.0))).isEqualTo(8_000.0);
        assertThat(Throughput.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(Throughput.median(List.of(Double.NaN, 5.0, 7.0))).isEqualTo(6.0);
        assertThat(Throughput.median(List.of())).isNaN();
    }
}

package dev.cascade.loadtests.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PipelineRunTest {

    private static PipelineRun run(long atReady, double measured, long atFirst, double steady, double serviceCpu) {
        return new PipelineRun(1, "telemetry_run_1", "group-1", 1_000_000, 2.5, atReady, measured, atFirst, steady,
                Map.of("accepted", 1_000_000.0), 1_000_000, 166_800, 166_650, 166_650,
                166_650, 0, 1_000_000, new CpuClock.Usage(measured, serviceCpu, 10, 5, 60, 2));
    }

    @Test
    void readingsProcessedBeforeReadyAreLeftOutWithTheirTime() {
        PipelineRun run = run(1_000, 99.9, 1_000, 99.9, 0);

        assertThat(run.readingsPerSecond()).isCloseTo(10_000.0, within(1e-9));
    }

    @Test
    void theSteadyFigureCountsFromTheFirstBatchSeen() {
        PipelineRun run = run(0, 100.0, 500, 99.5, 0);

        assertThat(run.readingsPerSecond()).isEqualTo(10_000.0);
        assertThat(run.steadyReadingsPerSecond()).isCloseTo(999_500 / 99.5, within(1e-9));
    }

    @Test
    void aRunWithoutAFirstBatchHasNoSteadyFigure() {
        assertThat(run(0, 100.0, 0, Double.NaN, 0).steadyReadingsPerSecond()).isNaN();
    }

    @Test
    void serviceCpuPerReadingIsMillisecondsOverTheReadingsMeasured() {
        assertThat(run(0, 100.0, 0, 100.0, 150.0).serviceCpuMillisPerReading()).isCloseTo(0.15, within(1e-12));
    }
}

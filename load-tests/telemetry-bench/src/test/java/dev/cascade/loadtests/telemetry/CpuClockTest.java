package dev.cascade.loadtests.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

class CpuClockTest {

    @Test
    void busyTicksAreEverythingButIdleAndIowait() {
        // A Linux 6.1 first line of /proc/stat: user nice system idle iowait irq softirq steal guest guest_nice.
        CpuClock.MachineTicks ticks = CpuClock.MachineTicks.parse("cpu  271046 1245 60542 5120317 3350 0 2011 7 0 0");

        assertThat(ticks.busy()).isEqualTo(271_046 + 1_245 + 60_542 + 2_011 + 7);
        assertThat(ticks.total()).isEqualTo(ticks.busy() + 5_120_317 + 3_350);
    }

    @Test
    void aLineOfOneCoreIsNotTheMachine() {
        assertThatThrownBy(() -> CpuClock.MachineTicks.parse("cpu0 1 2 3 4 5 6 7 8"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usageIsEachGroupsCpuInTheSpanAndTheMachinesBusyShareOfAllCores() {
        CpuClock.Snapshot from = new CpuClock.Snapshot(0, 3_000_000_000L, Map.of(100L, 1_000_000_000L),
                1_000_000_000L, new CpuClock.MachineTicks(1_000, 5_000));
        // 10 s later: service +12 s, postmaster +1 s, a backend born in the span 2 s, bench +3 s; 2 cores 95 % busy.
        CpuClock.Snapshot to = new CpuClock.Snapshot(10_000_000_000L, 15_000_000_000L,
                Map.of(100L, 2_000_000_000L, 101L, 2_000_000_000L), 4_000_000_000L,
                new CpuClock.MachineTicks(1_000 + 1_900, 5_000 + 2_000));

        CpuClock.Usage usage = CpuClock.Usage.between(from, to, 2);

        assertThat(usage.seconds()).isEqualTo(10.0);
        assertThat(usage.service()).isEqualTo(12.0);
        assertThat(usage.postgres()).isEqualTo(3.0);
        assertThat(usage.bench()).isEqualTo(3.0);
        assertThat(usage.machine()).isCloseTo(19.0, within(1e-9));
        assertThat(usage.others()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void othersIsNeverNegativeWhenTheMachineCountsLessThanTheGroups() {
        assertThat(new CpuClock.Usage(10, 12, 3, 3, 17.5, 2).others()).isZero();
    }
}

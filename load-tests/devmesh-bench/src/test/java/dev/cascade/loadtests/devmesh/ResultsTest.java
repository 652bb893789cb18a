package dev.cascade.loadtests.devmesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.cascade.loadtests.devmesh.Results.Latency;
import dev.cascade.loadtests.devmesh.Results.Problems;

/** The arithmetic of a latency phase, on hand-made timings: no network, no clock. */
class ResultsTest {

    private static final long ORIGIN = 1_000_000_000L;
    private static final CpuClock.Use NO_CPU = new CpuClock.Use(-1, -1, -1);

    @Test
    void latencyRunsFromTheScheduledTimeSoAStallCountsAgainstEveryEventPlannedDuringIt() {
        Phase phase = Phase.scheduled("p-", ORIGIN, 1000, 3);
        // A 5 ms stall: events due at 0, 1 and 2 ms are all answered at 5 ms.
        for (int seq = 0; seq < 3; seq++) {
            phase.delivered("p-" + seq, ORIGIN + millis(5));
            phase.answered(seq, 202, ORIGIN + millis(5));
        }

        Latency latency = Results.latencyOf("MT broker", 1000, 3, phase, NO_CPU, Problems.NONE);

        assertThat(latency.done().getTotalCount()).isEqualTo(3);
        assertThat(latency.done().getMaxValue()).isBetween(4_990L, 5_010L);
        assertThat(latency.done().getMinValue()).isBetween(2_990L, 3_010L);
    }

    @Test
    void anEventIsDoneWhenItIsBothAnsweredAndDelivered() {
        Phase phase = Phase.scheduled("p-", ORIGIN, 1000, 2);
        phase.answered(0, 202, ORIGIN + millis(1)); // durable, then delivered later
        phase.delivered("p-0", ORIGIN + millis(7));
        phase.delivered("p-1", ORIGIN + millis(2)); // delivered, then answered later
        phase.answered(1, 202, ORIGIN + millis(4));

        Latency latency = Results.latencyOf("Kafka broker", 1000, 2, phase, NO_CPU, Problems.NONE);

        assertThat(latency.done().getMaxValue()).isBetween(6_990L, 7_010L);
        assertThat(latency.answer().getMaxValue()).isBetween(2_990L, 3_010L);
        assertThat(latency.delivery().getMaxValue()).isBetween(6_990L, 7_010L);
    }

    @Test
    void non2xxFailuresAndLostEventsAreCountedNotDropped() {
        Phase phase = Phase.scheduled("p-", ORIGIN, 1000, 4);
        phase.answered(0, 202, ORIGIN + millis(1));
        phase.delivered("p-0", ORIGIN + millis(1));
        phase.answered(1, 500, ORIGIN + millis(2));
        phase.failed(2, new IllegalStateException("connection reset"));
        phase.answered(3, 202, ORIGIN + millis(4)); // never reaches the subscriber

        Latency latency = Results.latencyOf("MT broker", 1000, 4, phase, NO_CPU,
                new Problems(2, Map.of(503, 2L), 0, 0, null));

        assertThat(latency.done().getTotalCount()).isEqualTo(1);
        assertThat(latency.problems().non2xx()).isEqualTo(3);
        assertThat(latency.problems().byStatus()).isEqualTo(Map.of(500, 1L, 503, 2L));
        assertThat(latency.problems().failed()).isEqualTo(1);
        assertThat(latency.problems().undelivered()).isEqualTo(1);
        assertThat(latency.problems().first()).isEqualTo("HTTP 500 for event p-1");
    }

    @Test
    void theSubscriberCountsOnlyThePhasesOwnEventsAndEachOnce() {
        Phase phase = Phase.scheduled("p-", ORIGIN, 1000, 2);

        assertThat(phase.delivered("q-0", ORIGIN)).isFalse();
        assertThat(phase.delivered("p-2", ORIGIN)).isFalse();
        assertThat(phase.delivered("p-x", ORIGIN)).isFalse();
        assertThat(phase.delivered(null, ORIGIN)).isFalse();
        assertThat(phase.delivered("p-1", ORIGIN + millis(1))).isTrue();
        assertThat(phase.delivered("p-1", ORIGIN + millis(3))).isTrue();

        assertThat(phase.delivered()).isEqualTo(2);
        assertThat(phase.duplicates()).isEqualTo(1);
        assertThat(phase.deliveryLatency(1)).isZero();
    }

    private static long millis(long value) {
        return TimeUnit.MILLISECONDS.toNanos(value);
    }
}

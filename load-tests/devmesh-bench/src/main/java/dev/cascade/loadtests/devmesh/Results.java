package dev.cascade.loadtests.devmesh;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/** What the phases measured, per target. */
final class Results {

    private Results() {
    }

    /** Answers and failures of a whole phase, warm-up included: nothing is left out of the report. */
    record Problems(long non2xx, Map<Integer, Long> byStatus, long failed, long undelivered, String first) {

        static final Problems NONE = new Problems(0, Map.of(), 0, 0, null);

        static Problems of(Phase phase, long undelivered) {
            return new Problems(phase.non2xxTotal(), phase.non2xx(), phase.failed(), undelivered, phase.firstProblem());
        }

        Problems plus(Problems other) {
            Map<Integer, Long> merged = new TreeMap<>(byStatus);
            other.byStatus.forEach((code, count) -> merged.merge(code, count, Long::sum));
            return new Problems(non2xx + other.non2xx, merged, failed + other.failed, undelivered + other.undelivered,
                    first != null ? first : other.first);
        }

        boolean any() {
            return non2xx > 0 || failed > 0 || undelivered > 0;
        }
    }

    /** The closed loop's measured window: 2xx answers and subscriber deliveries per second, and who used the CPU. */
    record Throughput(String target, double okPerSecond, double deliveredPerSecond, CpuClock.Use cpu,
            Problems problems) {
    }

    /**
     * The open loop's latencies in microseconds from each event's scheduled send time: until it was both answered
     * 2xx and at the subscriber ({@code done}), until the 2xx ({@code answer}), until the subscriber had it
     * ({@code delivery}).
     */
    record Latency(String target, int rate, int scheduled, int released, Histogram done, Histogram answer,
            Histogram delivery, long duplicates, CpuClock.Use cpu, Problems problems) {
    }

    /** A histogram of microseconds up to one minute, three significant digits; longer values count as a minute. */
    static Histogram histogram() {
        return new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    }

    static void recordNanos(Histogram histogram, long nanos) {
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos));
        histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
    }

    /**
     * The three histograms of a finished latency phase, and how many 2xx events never reached the subscriber;
     * {@code warmUp} holds the problems of the phase's discarded warm-up, which are reported all the same.
     */
    static Latency latencyOf(String target, int rate, int released, Phase phase, CpuClock.Use cpu,
            Problems warmUp) {
        Histogram done = histogram();
        Histogram answer = histogram();
        Histogram delivery = histogram();
        long undelivered = 0;
        for (int seq = 0; seq < phase.tracked(); seq++) {
            long answered = phase.answerLatency(seq);
            long delivered = phase.deliveryLatency(seq);
            if (answered >= 0) {
                recordNanos(answer, answered);
            }
            if (delivered >= 0) {
                recordNanos(delivery, delivered);
            }
            if (answered >= 0 && delivered >= 0) {
                recordNanos(done, Math.max(answered, delivered));
            } else if (answered >= 0) {
                undelivered++;
            }
        }
        return new Latency(target, rate, phase.tracked(), released, done, answer, delivery, phase.duplicates(), cpu,
                Problems.of(phase, undelivered).plus(warmUp));
    }
}

package dev.cascade.loadtests.serving;

import java.util.List;

import dev.cascade.loadtests.serving.EventSender.Answer;
import dev.cascade.loadtests.serving.EventSender.Burst;

/**
 * One measurement of one fixture in one variant, from scaled-to-zero each time.
 *
 * @param first the first event's answer, sent while the Service was at zero
 * @param coldStartMs devmesh's {@code lastColdStartMs} after it: how long the event was held for an instance
 * @param rssKib the instance's VmRSS right after the first event's answer, -1 if unknown
 * @param cold the burst sent at zero
 * @param burstColdStartMs devmesh's {@code lastColdStartMs} after the cold burst
 * @param warm the same burst, sent right after to the instance the cold one started
 * @param rssAfterBurstsKib the instance's VmRSS after both bursts, -1 if unknown
 * @param problems what went wrong or differs from the plan (not from zero, another instance, …)
 */
record Sample(int run, Fixture fixture, Variant variant, Answer first, Long coldStartMs, long rssKib, Burst cold,
        Long burstColdStartMs, Burst warm, long rssAfterBurstsKib, List<String> problems) {

    double coldWarmRatio() {
        return cold.millis() / warm.millis();
    }

    /** Every event answered 2xx and nothing unplanned happened. */
    boolean clean() {
        return first.ok() && cold.clean() && warm.clean() && problems.isEmpty();
    }
}

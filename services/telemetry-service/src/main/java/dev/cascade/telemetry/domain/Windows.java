package dev.cascade.telemetry.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * One-minute tumbling windows by event time. A window is {@code [start, start + 1 min)} with start on a whole UTC
 * minute. The watermark is the newest event time accepted so far less the allowed lateness; a window closes once the
 * watermark reaches its end, and a reading whose window has closed is late.
 */
public final class Windows {

    public static final Duration LENGTH = Duration.ofMinutes(1);

    private Windows() {
    }

    public static Instant startOf(Instant eventTime) {
        long seconds = Math.floorDiv(eventTime.getEpochSecond(), LENGTH.toSeconds()) * LENGTH.toSeconds();
        return Instant.ofEpochSecond(seconds);
    }

    public static Instant endOf(Instant eventTime) {
        return startOf(eventTime).plus(LENGTH);
    }

    /** The watermark after seeing {@code maxEventTime}; {@link Instant#MIN} before any reading. */
    public static Instant watermark(Instant maxEventTime, Duration allowedLateness) {
        return maxEventTime == null ? Instant.MIN : maxEventTime.minus(allowedLateness);
    }

    /** Whether a reading at {@code eventTime} comes too late: its window ended at or before the watermark. */
    public static boolean isLate(Instant eventTime, Instant watermark) {
        return !endOf(eventTime).isAfter(watermark);
    }
}

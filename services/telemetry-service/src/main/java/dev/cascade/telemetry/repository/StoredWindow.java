package dev.cascade.telemetry.repository;

import java.time.Instant;

/** A stored window; {@code closedAt} is null while readings may still arrive for it. */
public record StoredWindow(
        String deviceId,
        String sensorType,
        String unit,
        Instant windowStart,
        Instant windowEnd,
        long count,
        double min,
        double max,
        double mean,
        double p95,
        Instant closedAt) {
}

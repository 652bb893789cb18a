package dev.cascade.telemetry.domain;

import java.time.Instant;

/** A valid reading in its sensor type's canonical unit, calibrated; {@code measuredAt} has microsecond precision. */
public record Normalised(String deviceId, SensorType sensorType, double value, Instant measuredAt) {
}

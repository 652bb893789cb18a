package dev.cascade.contracts.telemetry;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@value EventTypes#TELEMETRY_WINDOW_CLOSED_V1}: statistics of one device's sensor over a tumbling
 * window {@code [windowStart, windowEnd)}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowClosed(
        String deviceId,
        String sensorType,
        String unit,
        Instant windowStart,
        Instant windowEnd,
        long count,
        double min,
        double max,
        double mean,
        double p95) {
}

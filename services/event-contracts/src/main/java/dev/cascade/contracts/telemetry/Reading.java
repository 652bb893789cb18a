package dev.cascade.contracts.telemetry;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@value EventTypes#TELEMETRY_READING_V1}: one measurement as a device sends it; {@code timestamp}
 * is the device's clock, not the time Kafka received it.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reading(String deviceId, String sensorType, double value, String unit, Instant timestamp) {
}

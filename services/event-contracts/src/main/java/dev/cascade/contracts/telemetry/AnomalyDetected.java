package dev.cascade.contracts.telemetry;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@value EventTypes#TELEMETRY_ANOMALY_DETECTED_V1}: a closed window broke a rule. Which of the
 * optional numbers are present depends on the rule: limits for {@link AnomalyRule#OUT_OF_LIMITS},
 * baseline mean and z-score for {@link AnomalyRule#BASELINE_DEVIATION}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnomalyDetected(
        String anomalyId,
        String deviceId,
        String sensorType,
        String unit,
        Instant windowStart,
        Instant windowEnd,
        AnomalyRule rule,
        double observed,
        Double lowerLimit,
        Double upperLimit,
        Double baselineMean,
        Double zScore,
        Severity severity) {
}

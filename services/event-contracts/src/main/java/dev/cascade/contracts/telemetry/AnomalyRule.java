package dev.cascade.contracts.telemetry;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Which rule of the anomaly-detector fired. */
@RegisterForReflection
public enum AnomalyRule {
    /** The observed value left the configured {@code [lowerLimit, upperLimit]}. */
    OUT_OF_LIMITS,
    /** The observed value is {@code zScore} standard deviations away from the device's baseline. */
    BASELINE_DEVIATION
}

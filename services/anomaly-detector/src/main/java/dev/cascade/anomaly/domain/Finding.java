package dev.cascade.anomaly.domain;

import dev.cascade.contracts.telemetry.AnomalyRule;
import dev.cascade.contracts.telemetry.Severity;

/**
 * A rule that fired on a window. Limits are set for {@link AnomalyRule#OUT_OF_LIMITS}, baseline mean and z-score
 * for {@link AnomalyRule#BASELINE_DEVIATION}; the others are {@code null}.
 */
public record Finding(
        AnomalyRule rule,
        double observed,
        Double lowerLimit,
        Double upperLimit,
        Double baselineMean,
        Double zScore,
        Severity severity) {
}

package dev.cascade.anomaly.domain;

import java.util.Map;
import java.util.Optional;

import dev.cascade.contracts.telemetry.AnomalyRule;
import dev.cascade.contracts.telemetry.Severity;
import dev.cascade.contracts.telemetry.WindowClosed;

/**
 * The two rules, checked in this order; the first that fires is the window's one finding.
 * <ol>
 * <li>{@link AnomalyRule#OUT_OF_LIMITS}: the window's {@code max} is above the sensor type's upper limit
 * (observed = max) or its {@code min} below the lower limit (observed = min). CRITICAL when the window's mean is
 * outside the limits too, WARNING when only some readings were.</li>
 * <li>{@link AnomalyRule#BASELINE_DEVIATION}: with at least {@code minHistory} windows in the baseline,
 * {@code z = (mean - baseline.mean) / max(baseline.stddev, minStddev)} and {@code |z| > zThreshold}
 * (observed = mean). CRITICAL from {@code |z| >= criticalZ}.</li>
 * </ol>
 */
public final class AnomalyRules {

    private final Map<String, SensorLimits> limits;
    private final int minHistory;
    private final double zThreshold;
    private final double criticalZ;
    private final double minStddev;

    public AnomalyRules(Map<String, SensorLimits> limits, int minHistory, double zThreshold, double criticalZ,
            double minStddev) {
        if (minHistory < 2 || zThreshold <= 0 || criticalZ < zThreshold || minStddev <= 0) {
            throw new IllegalArgumentException("need minHistory >= 2, 0 < zThreshold <= criticalZ, minStddev > 0");
        }
        this.limits = Map.copyOf(limits);
        this.minHistory = minHistory;
        this.zThreshold = zThreshold;
        this.criticalZ = criticalZ;
        this.minStddev = minStddev;
    }

    /** The limits of {@code sensorType} in {@code unit}, if there are any. */
    public Optional<SensorLimits> limitsOf(String sensorType, String unit) {
        SensorLimits found = limits.get(sensorType);
        return found != null && found.unit().equals(unit) ? Optional.of(found) : Optional.empty();
    }

    /** What is wrong with {@code window}, judged against {@code baseline} (its device+sensor's earlier windows). */
    public Optional<Finding> evaluate(WindowClosed window, Baseline baseline) {
        Optional<Finding> outOfLimits = limitsOf(window.sensorType(), window.unit())
                .flatMap(range -> outOfLimits(window, range));
        return outOfLimits.isPresent() ? outOfLimits : deviation(window, baseline);
    }

    private static Optional<Finding> outOfLimits(WindowClosed window, SensorLimits range) {
        double observed;
        if (window.max() > range.upper()) {
            observed = window.max();
        } else if (window.min() < range.lower()) {
            observed = window.min();
        } else {
            return Optional.empty();
        }
        Severity severity = range.contains(window.mean()) ? Severity.WARNING : Severity.CRITICAL;
        return Optional.of(new Finding(AnomalyRule.OUT_OF_LIMITS, observed, range.lower(), range.upper(),
                null, null, severity));
    }

    private Optional<Finding> deviation(WindowClosed window, Baseline baseline) {
        if (baseline.windows() < minHistory) {
            return Optional.empty();
        }
        double z = (window.mean() - baseline.mean()) / Math.max(baseline.stddev(), minStddev);
        if (!(Math.abs(z) > zThreshold)) {
            return Optional.empty();
        }
        Severity severity = Math.abs(z) >= criticalZ ? Severity.CRITICAL : Severity.WARNING;
        return Optional.of(new Finding(AnomalyRule.BASELINE_DEVIATION, window.mean(), null, null,
                baseline.mean(), round(z), severity));
    }

    /** Three decimals: the z-score is for people, and a stable text makes a redelivered answer compare equal. */
    private static double round(double z) {
        return Math.round(z * 1000.0) / 1000.0;
    }
}

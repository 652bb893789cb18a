package dev.cascade.anomaly.domain;

/** The operating range of a sensor type, {@code [lower, upper]} in {@code unit}. */
public record SensorLimits(String unit, double lower, double upper) {

    public SensorLimits {
        if (!(lower < upper)) {
            throw new IllegalArgumentException("lower limit " + lower + " must be below upper limit " + upper);
        }
    }

    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }
}

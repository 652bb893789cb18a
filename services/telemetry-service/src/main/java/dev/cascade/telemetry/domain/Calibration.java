package dev.cascade.telemetry.domain;

/** How one sensor of one device is corrected: {@code calibrated = raw * scale + offset}, in the canonical unit. */
public record Calibration(double offset, double scale) {

    public static final Calibration NONE = new Calibration(0.0, 1.0);

    public Calibration {
        if (!Double.isFinite(offset) || !Double.isFinite(scale) || scale == 0.0) {
            throw new IllegalArgumentException("calibration needs a finite offset and a finite, non-zero scale");
        }
    }

    public double apply(double value) {
        return value * scale + offset;
    }
}

package dev.cascade.telemetry.domain;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * The sensor types the telemetry-service knows: each with its canonical unit, the units it converts from and the
 * range a sensor of that type can physically measure (in the canonical unit, after calibration). A value outside the
 * range is a faulty sensor, not an anomaly.
 */
public enum SensorType {

    /** Degrees Celsius; from fahrenheit ((f - 32) * 5 / 9) and kelvin (k - 273.15). */
    TEMPERATURE("temperature", "celsius", -40.0, 125.0, Map.of(
            "celsius", v -> v,
            "fahrenheit", v -> (v - 32.0) * 5.0 / 9.0,
            "kelvin", v -> v - 273.15)),
    /** Relative humidity in percent. */
    HUMIDITY("humidity", "percent", 0.0, 100.0, Map.of(
            "percent", v -> v)),
    /** Hectopascals; from kPa (x 10), Pa (/ 100) and mbar (= hPa). */
    PRESSURE("pressure", "hPa", 300.0, 1100.0, Map.of(
            "hPa", v -> v,
            "mbar", v -> v,
            "kPa", v -> v * 10.0,
            "Pa", v -> v / 100.0));

    private final String code;
    private final String canonicalUnit;
    private final double min;
    private final double max;
    private final Map<String, DoubleUnaryOperator> conversions;

    SensorType(String code, String canonicalUnit, double min, double max,
            Map<String, DoubleUnaryOperator> conversions) {
        this.code = code;
        this.canonicalUnit = canonicalUnit;
        this.min = min;
        this.max = max;
        this.conversions = conversions;
    }

    /** The type with this code (as readings spell it: {@code temperature}), if known. */
    public static Optional<SensorType> of(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }

    public String code() {
        return code;
    }

    public String canonicalUnit() {
        return canonicalUnit;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** The value in the canonical unit, or empty when this type does not know {@code unit} (case-sensitive). */
    public Optional<Double> toCanonical(double value, String unit) {
        DoubleUnaryOperator conversion = conversions.get(unit);
        return conversion == null ? Optional.empty() : Optional.of(conversion.applyAsDouble(value));
    }

    public boolean physicallyPossible(double canonicalValue) {
        return canonicalValue >= min && canonicalValue <= max;
    }
}

package dev.cascade.telemetry.domain;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import dev.cascade.contracts.telemetry.Reading;
import dev.cascade.contracts.telemetry.RejectionReason;

/**
 * Checks a schema-valid reading against the device registry and the physical range of its sensor type, and turns it
 * into a {@link Normalised} one. In order: the device must be registered and have a sensor of that type
 * ({@code UNKNOWN_DEVICE}), the unit must be one the type converts ({@code UNSUPPORTED_UNIT}), and the calibrated value
 * in the canonical unit must lie within the type's range ({@code OUT_OF_PHYSICAL_RANGE}).
 */
public final class ReadingRules {

    private ReadingRules() {
    }

    /**
     * @param sensors the registered sensors of the reading's device with their calibration; empty if the device is
     *                not registered
     */
    public static Verdict check(Reading reading, Optional<Map<String, Calibration>> sensors) {
        if (sensors.isEmpty()) {
            return new Verdict.Invalid(RejectionReason.UNKNOWN_DEVICE,
                    "device " + reading.deviceId() + " is not registered");
        }
        Calibration calibration = sensors.get().get(reading.sensorType());
        Optional<SensorType> type = SensorType.of(reading.sensorType());
        if (calibration == null || type.isEmpty()) {
            return new Verdict.Invalid(RejectionReason.UNKNOWN_DEVICE,
                    "device " + reading.deviceId() + " has no " + reading.sensorType() + " sensor");
        }
        Optional<Double> canonical = type.get().toCanonical(reading.value(), reading.unit());
        if (canonical.isEmpty()) {
            return new Verdict.Invalid(RejectionReason.UNSUPPORTED_UNIT,
                    reading.unit() + " is not a unit of " + reading.sensorType());
        }
        double value = calibration.apply(canonical.get());
        if (!type.get().physicallyPossible(value)) {
            return new Verdict.Invalid(RejectionReason.OUT_OF_PHYSICAL_RANGE,
                    reading.value() + " " + reading.unit() + " is " + value + " " + type.get().canonicalUnit()
                            + " calibrated, outside the " + reading.sensorType() + " range [" + type.get().min()
                            + ", " + type.get().max() + "]");
        }
        return new Verdict.Valid(new Normalised(reading.deviceId(), type.get(), value,
                reading.timestamp().truncatedTo(ChronoUnit.MICROS)));
    }
}

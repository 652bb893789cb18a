package dev.cascade.telemetry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.telemetry.Reading;
import dev.cascade.contracts.telemetry.RejectionReason;

class ReadingRulesTest {

    private static final Instant AT = Instant.parse("2026-03-14T10:15:42.123456789Z");
    private static final Optional<Map<String, Calibration>> PROBE = Optional.of(Map.of(
            "temperature", new Calibration(-0.5, 1.1),
            "pressure", Calibration.NONE));

    private static Verdict check(String sensor, double value, String unit) {
        return ReadingRules.check(new Reading("probe-1", sensor, value, unit, AT), PROBE);
    }

    @Test
    void fahrenheitIsConvertedToCelsiusThenCalibrated() {
        Verdict verdict = check("temperature", 98.6, "fahrenheit");

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Valid.class, valid -> {
            assertThat(valid.reading().value()).isCloseTo(37.0 * 1.1 - 0.5, within(1e-9));
            assertThat(valid.reading().sensorType()).isEqualTo(SensorType.TEMPERATURE);
            assertThat(valid.reading().measuredAt()).isEqualTo(Instant.parse("2026-03-14T10:15:42.123456Z"));
        });
    }

    @Test
    void kelvinAndPressureUnitsAreConverted() {
        assertThat(((Verdict.Valid) check("temperature", 293.15, "kelvin")).reading().value())
                .isCloseTo(20.0 * 1.1 - 0.5, within(1e-9));
        assertThat(((Verdict.Valid) check("pressure", 101.325, "kPa")).reading().value())
                .isCloseTo(1013.25, within(1e-9));
        assertThat(((Verdict.Valid) check("pressure", 101325, "Pa")).reading().value())
                .isCloseTo(1013.25, within(1e-9));
        assertThat(((Verdict.Valid) check("pressure", 1013.25, "mbar")).reading().value())
                .isCloseTo(1013.25, within(1e-9));
    }

    @Test
    void anUnregisteredDeviceOrSensorIsUnknown() {
        assertThat(ReadingRules.check(new Reading("ghost", "temperature", 20, "celsius", AT), Optional.empty()))
                .isEqualTo(new Verdict.Invalid(RejectionReason.UNKNOWN_DEVICE, "device ghost is not registered"));
        assertThat(check("humidity", 40, "percent"))
                .isEqualTo(new Verdict.Invalid(RejectionReason.UNKNOWN_DEVICE, "device probe-1 has no humidity sensor"));
    }

    @Test
    void aUnitTheSensorTypeDoesNotKnowIsUnsupported() {
        assertThat(check("temperature", 20, "hPa")).isInstanceOfSatisfying(Verdict.Invalid.class,
                invalid -> assertThat(invalid.reason()).isEqualTo(RejectionReason.UNSUPPORTED_UNIT));
        assertThat(check("temperature", 20, "Celsius")).isInstanceOfSatisfying(Verdict.Invalid.class,
                invalid -> assertThat(invalid.reason()).isEqualTo(RejectionReason.UNSUPPORTED_UNIT));
    }

    @Test
    void theRangeIsCheckedOnTheCalibratedCanonicalValue() {
        // 114 * 1.1 - 0.5 = 124.9: inside [-40, 125]; 114.2 gives 125.12: outside.
        assertThat(check("temperature", 114, "celsius")).isInstanceOf(Verdict.Valid.class);
        assertThat(check("temperature", 114.2, "celsius")).isInstanceOfSatisfying(Verdict.Invalid.class,
                invalid -> assertThat(invalid.reason()).isEqualTo(RejectionReason.OUT_OF_PHYSICAL_RANGE));
        assertThat(check("pressure", 299.9, "hPa")).isInstanceOf(Verdict.Invalid.class);
        assertThat(check("pressure", 1100, "hPa")).isInstanceOf(Verdict.Valid.class);
        assertThat(check("pressure", Double.POSITIVE_INFINITY, "hPa")).isInstanceOf(Verdict.Invalid.class);
    }
}

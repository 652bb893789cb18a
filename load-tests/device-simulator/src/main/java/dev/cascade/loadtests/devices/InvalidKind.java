package dev.cascade.loadtests.devices;

/** The kinds of invalid reading the simulator injects. */
public enum InvalidKind {
    /** A value the sensor cannot physically measure (1000 °C, 250 %, 5000 hPa). */
    OUT_OF_RANGE,
    /** A well-formed reading from a device id that is not one of the simulated (registered) devices. */
    UNKNOWN_DEVICE,
    /** The record's text cut in half: not JSON. */
    MALFORMED_JSON,
    /** A reading without one of its required fields (value, unit, timestamp or sensorType). */
    MISSING_FIELD
}

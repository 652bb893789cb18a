package dev.cascade.contracts;

/** Kafka topics. Everything else travels through the Knative Broker. */
public final class Topics {

    /** Sensor readings as devices send them: unvalidated, keyed by device id. */
    public static final String TELEMETRY_READINGS_RAW = "cascade.telemetry.readings.raw";
    /** Readings the telemetry-service refused, with the reason, for operators to inspect. */
    public static final String TELEMETRY_READINGS_REJECTED = "cascade.telemetry.readings.rejected";

    private Topics() {
    }
}

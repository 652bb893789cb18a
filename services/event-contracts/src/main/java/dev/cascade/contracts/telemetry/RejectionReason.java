package dev.cascade.contracts.telemetry;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Why the telemetry-service refused a reading. */
@RegisterForReflection
public enum RejectionReason {
    /** Not JSON, or not a CloudEvent. */
    MALFORMED,
    /** JSON, but not a valid {@link Reading}. */
    SCHEMA_VIOLATION,
    UNKNOWN_DEVICE,
    /** Outside what the sensor can physically measure, so a fault rather than an anomaly. */
    OUT_OF_PHYSICAL_RANGE,
    UNSUPPORTED_UNIT,
    /**
     * Its one-minute window had already closed: the event time lies before the watermark (the newest event time
     * seen, less the allowed lateness). Added after v1 was published; consumers that do not know it treat it as any
     * other rejection.
     */
    LATE
}

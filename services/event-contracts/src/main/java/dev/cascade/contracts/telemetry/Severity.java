package dev.cascade.contracts.telemetry;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** How urgently a person should look at an anomaly. */
@RegisterForReflection
public enum Severity {
    WARNING,
    CRITICAL
}

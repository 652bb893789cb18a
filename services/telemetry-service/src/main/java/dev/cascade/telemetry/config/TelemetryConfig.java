package dev.cascade.telemetry.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Business settings of the telemetry pipeline. */
@ConfigMapping(prefix = "cascade.telemetry")
public interface TelemetryConfig {

    /**
     * How far behind the newest event time seen a reading may be and still count: the watermark is the newest event
     * time less this, and a window closes (and later readings for it are rejected as {@code LATE}) once the watermark
     * reaches its end.
     */
    @WithDefault("30s")
    Duration allowedLateness();

    /** The first wait before retrying a batch whose transaction failed; doubled per attempt up to 10 s. */
    @WithDefault("200ms")
    Duration retryBackoff();
}

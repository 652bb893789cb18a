package dev.cascade.deadletter.service;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How events are sent to the broker at {@code K_SINK}: announcements and redrives alike. */
@ConfigMapping(prefix = "cascade.sink")
public interface SinkConfig {

    /** Attempts per event, the first included; the broker may be restarting, but storing never waits for it. */
    @WithDefault("3")
    int attempts();

    /** Wait before the first retry; it doubles (with jitter) for each further one, up to eight times this. */
    @WithDefault("200ms")
    Duration backoff();

    /** How long one attempt may take before it counts as failed. */
    @WithDefault("5s")
    Duration timeout();
}

package dev.cascade.telemetry.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where and how the outbox relay publishes closed windows. */
@ConfigMapping(prefix = "cascade.broker")
public interface BrokerConfig {

    /** The Broker ingress URL; {@code ${K_SINK}} in application.properties, which Knative's sink injection sets. */
    String url();

    /** How many unpublished events one relay pass posts. */
    @WithDefault("100")
    int batch();

    /** The first retry delay after the broker refused an event; doubled per attempt up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration backoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /** How long one post to the broker may take before it counts as failed. */
    @WithDefault("60s")
    Duration timeout();
}

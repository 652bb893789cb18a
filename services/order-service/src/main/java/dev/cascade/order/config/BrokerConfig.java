package dev.cascade.order.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where and how the outbox relay publishes. */
@ConfigMapping(prefix = "cascade.broker")
public interface BrokerConfig {

    /** The Broker ingress URL; {@code ${K_SINK}} in application.properties, which Knative's sink injection sets. */
    String url();

    /** How many unpublished events one relay pass posts (concurrently). */
    @WithDefault("100")
    int batch();

    /** The first retry delay after the broker refused an event; doubled per attempt up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration backoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /** How long one post to the broker may take before it counts as failed. */
    @WithDefault("5s")
    Duration timeout();
}

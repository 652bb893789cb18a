package dev.cascade.order.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where and how the outbox relay publishes. */
@ConfigMapping(prefix = "cascade.broker")
public interface BrokerConfig {

    /** The Broker ingress URL; {@code ${K_SINK}} in application.properties, which Knative's sink injection sets. */
    String url();

    /**
     * How many posts the outbox relay keeps open at once (and its HTTP connections to the broker). With the
     * channel-based broker a post stays open until every Trigger delivered the event, so this bounds how many
     * deliveries order-service's events have under way.
     */
    @WithDefault("32")
    int maxInFlight();

    /** The first retry delay after the broker refused an event; doubled per attempt up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration backoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /**
     * How long one post to the broker may take before it counts as failed. The channel-based broker answers only once
     * every Trigger has delivered the event, so a post can wait out a subscriber's cold start and the Trigger's
     * retries; giving up sooner only posts the event again.
     */
    @WithDefault("60s")
    Duration timeout();
}

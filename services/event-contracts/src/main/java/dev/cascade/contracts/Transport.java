package dev.cascade.contracts;

/** How events of a type travel. */
public enum Transport {
    /** Through the Knative Broker, routed to subscribers by Triggers filtering on {@code type}. */
    BROKER,
    /** On a Kafka topic, read directly by the consumer (high-volume telemetry). */
    KAFKA
}

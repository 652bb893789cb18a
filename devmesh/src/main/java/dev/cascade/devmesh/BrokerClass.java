package dev.cascade.devmesh;

/**
 * The broker implementation a Broker asks for through the {@value #ANNOTATION} annotation. The two classes
 * behave differently on the wire in several places (ingress codes, TTL, backoff, delivery merging, CESQL
 * errors, replies); devmesh reproduces each, per broker. See {@code shared/knative-broker-semantics.md}.
 */
public enum BrokerClass {

    /** Knative Eventing's reference broker (broker-ingress → InMemoryChannel → broker-filter); the default. */
    MT_CHANNEL_BASED("MTChannelBasedBroker"),

    /** The Knative Kafka broker (knative-extensions/eventing-kafka-broker). */
    KAFKA("Kafka");

    public static final String ANNOTATION = "eventing.knative.dev/broker.class";

    private final String annotationValue;

    BrokerClass(String annotationValue) {
        this.annotationValue = annotationValue;
    }

    public String annotationValue() {
        return annotationValue;
    }

    /**
     * The class named by the annotation value; absent or blank means the cluster default, MTChannelBasedBroker.
     *
     * @throws IllegalArgumentException for a class devmesh does not implement
     */
    public static BrokerClass fromAnnotation(String value) {
        if (value == null || value.isBlank()) {
            return MT_CHANNEL_BASED;
        }
        for (BrokerClass brokerClass : values()) {
            if (brokerClass.annotationValue.equals(value.trim())) {
                return brokerClass;
            }
        }
        throw new IllegalArgumentException("unsupported broker class \"" + value + "\"; devmesh implements "
                + MT_CHANNEL_BASED.annotationValue + " and " + KAFKA.annotationValue);
    }
}

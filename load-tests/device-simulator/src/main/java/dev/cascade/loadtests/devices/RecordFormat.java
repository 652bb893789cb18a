package dev.cascade.loadtests.devices;

/** How a reading travels on Kafka, per the CloudEvents Kafka protocol binding. */
public enum RecordFormat {
    /** Structured mode: the whole CloudEvent as JSON in the value, {@code content-type: application/cloudevents+json}. */
    STRUCTURED,
    /** Binary mode: attributes in {@code ce_*} headers, the reading JSON as the value, {@code content-type: application/json}. */
    BINARY
}

package dev.cascade.devmesh.broker;

import io.cloudevents.CloudEvent;

/** One event in a Kafka-class broker's log, at its partition and offset, with the trace it arrived in. */
public record LogRecord(int partition, long offset, CloudEvent event, TraceContext trace) {
}

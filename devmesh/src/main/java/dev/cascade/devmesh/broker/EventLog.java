package dev.cascade.devmesh.broker;

import java.util.function.Function;

import io.cloudevents.CloudEvent;
import io.vertx.core.Future;

/**
 * The log behind a Kafka-class broker: a real Kafka topic (durable) or an in-memory stand-in (not durable).
 * Appends complete once the record is acknowledged; each subscription is one Trigger's consumer group.
 */
public interface EventLog extends AutoCloseable {

    /** Appends; {@code partitionKey} (the {@code partitionkey} extension) chooses the partition when present. */
    Future<Void> append(String partitionKey, CloudEvent event, TraceContext trace);

    /**
     * Starts one consumer group. The handler's future completes when the record is finished (delivered,
     * dead-lettered or dropped); only then is its offset committed. A group that never committed starts at the
     * end of the log, like a new Trigger of the Kafka broker.
     */
    Subscription subscribe(String group, boolean ordered, int maxInFlight, Function<LogRecord, Future<?>> handler);

    /** Whether acknowledged records survive a restart of devmesh. */
    boolean durable();

    @Override
    void close();

    interface Subscription extends AutoCloseable {

        @Override
        void close();
    }
}

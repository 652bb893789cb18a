package dev.cascade.devmesh.broker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;

import io.cloudevents.CloudEvent;
import io.vertx.core.Future;

/**
 * The log of a Kafka-class broker when no Kafka is configured: partitions and offsets as Kafka would assign
 * them, delivery semantics unchanged, but nothing survives a restart (devmesh says so at start-up).
 */
final class InMemoryEventLog implements EventLog {

    private final int partitions;
    private final AtomicLongArray nextOffsets;
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final List<SubscriptionQueue> subscriptions = new CopyOnWriteArrayList<>();

    InMemoryEventLog(int partitions) {
        this.partitions = partitions;
        this.nextOffsets = new AtomicLongArray(partitions);
    }

    @Override
    public Future<Void> append(String partitionKey, CloudEvent event, TraceContext trace) {
        int partition = partitionKey == null
                ? Math.floorMod(roundRobin.getAndIncrement(), partitions)
                : Math.floorMod(partitionKey.hashCode(), partitions);
        LogRecord record;
        synchronized (this) {
            // Offsets and hand-over in one step, so every subscription sees each partition in offset order.
            record = new LogRecord(partition, nextOffsets.getAndIncrement(partition), event, trace);
            for (SubscriptionQueue subscription : subscriptions) {
                subscription.offer(record);
            }
        }
        return Future.succeededFuture();
    }

    @Override
    public Subscription subscribe(String group, boolean ordered, int maxInFlight,
            Function<LogRecord, Future<?>> handler) {
        SubscriptionQueue queue = new SubscriptionQueue(ordered, maxInFlight, handler, (partition, offset) -> {
        });
        subscriptions.add(queue);
        return () -> {
            subscriptions.remove(queue);
            queue.close();
        };
    }

    @Override
    public boolean durable() {
        return false;
    }

    @Override
    public void close() {
        subscriptions.forEach(SubscriptionQueue::close);
        subscriptions.clear();
    }
}

package dev.cascade.devmesh.broker;

import java.net.URI;

import dev.cascade.devmesh.delivery.DeliveryPolicy;
import dev.cascade.devmesh.filter.EventFilter;

/**
 * A Trigger as the data plane runs it: its compiled filter, resolved subscriber and dead-letter sink, and its
 * effective delivery policy. Immutable: a manifest change builds a new one, and deliveries in flight finish
 * with the one they started with.
 *
 * @param notReadyReason why the Trigger cannot deliver ({@code null} when ready)
 * @param ordered        Kafka-class {@code delivery.order: ordered}
 */
public record TriggerRuntime(
        String namespace,
        String name,
        String broker,
        String filterDescription,
        EventFilter filter,
        URI subscriber,
        URI deadLetterSink,
        DeliveryPolicy policy,
        boolean ordered,
        String notReadyReason) {

    public boolean ready() {
        return notReadyReason == null;
    }

    public String qualifiedName() {
        return namespace + "/" + name;
    }
}

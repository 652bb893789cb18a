package dev.cascade.functions;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.inventory.InventoryReserved;
import dev.cascade.contracts.inventory.ReserveInventory;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventMapping;
import io.smallrye.mutiny.Uni;

/**
 * A function shaped like the real ones, whose order id says how to behave: {@code perm-*} breaks a business rule,
 * {@code boom-*} fails transiently, {@code busy-*} is refused for load, {@code quiet-*} answers nothing, anything else
 * reserves and replies.
 */
public class ReserveProbe {

    static final ConcurrentHashMap<String, AtomicInteger> EFFECTS = new ConcurrentHashMap<>();

    @Inject
    ProcessedEvents processed;

    @Funq
    @CloudEventMapping(trigger = EventTypes.INVENTORY_RESERVE_V1)
    public CloudEvent<JsonNode> reserve(ReserveInventory command, @Context CloudEvent<ReserveInventory> event) {
        IncomingEvents.requireValid(EventTypes.INVENTORY_RESERVE_V1, command);
        return processed.onceBlocking(event, () -> {
            String orderId = command.orderId();
            if (orderId.startsWith("perm-")) {
                throw new PermanentEventFailure("order " + orderId + " cannot be reserved, ever");
            }
            if (orderId.startsWith("busy-")) {
                throw new Overloaded("too much work in flight", 2);
            }
            if (orderId.startsWith("boom-")) {
                return Uni.createFrom().failure(new IllegalStateException("the database went away"));
            }
            EFFECTS.computeIfAbsent(orderId, k -> new AtomicInteger()).incrementAndGet();
            if (orderId.startsWith("quiet-")) {
                return Uni.createFrom().item(Reply.none());
            }
            return Uni.createFrom().item(Reply.of(EventTypes.INVENTORY_RESERVED_V1,
                    new InventoryReserved(orderId, "res-" + orderId, command.items())));
        }).toCloudEvent(EventSources.INVENTORY_SERVICE);
    }
}

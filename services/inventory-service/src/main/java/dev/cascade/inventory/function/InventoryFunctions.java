package dev.cascade.inventory.function;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.inventory.ReleaseInventory;
import dev.cascade.contracts.inventory.ReserveInventory;
import dev.cascade.functions.IncomingEvents;
import dev.cascade.functions.ProcessedEvents;
import dev.cascade.functions.Reply;
import dev.cascade.inventory.service.InventoryService;
import dev.cascade.inventory.service.StockMoved;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventMapping;

/** The inventory step of the order saga and its compensation, as the broker delivers them. */
public class InventoryFunctions {

    @Inject
    ProcessedEvents processed;

    @Inject
    InventoryService inventory;

    /** Answers {@value EventTypes#INVENTORY_RESERVED_V1} or {@value EventTypes#INVENTORY_REJECTED_V1}. */
    @Funq
    @CloudEventMapping(trigger = EventTypes.INVENTORY_RESERVE_V1)
    public CloudEvent<JsonNode> reserve(ReserveInventory command, @Context CloudEvent<ReserveInventory> event) {
        IncomingEvents.requireValid(EventTypes.INVENTORY_RESERVE_V1, command);
        Reply reply;
        try {
            reply = processed.onceBlocking(event, () -> inventory.reserve(command));
        } catch (StockMoved lostRace) {
            // Nothing of the first attempt was committed, the record of the event included: decide again, locked.
            reply = processed.onceBlocking(event, () -> inventory.reserveUnderLock(command));
        }
        return reply.toCloudEvent(EventSources.INVENTORY_SERVICE);
    }

    /** Answers {@value EventTypes#INVENTORY_RELEASED_V1}. */
    @Funq
    @CloudEventMapping(trigger = EventTypes.INVENTORY_RELEASE_V1)
    public CloudEvent<JsonNode> release(ReleaseInventory command, @Context CloudEvent<ReleaseInventory> event) {
        IncomingEvents.requireValid(EventTypes.INVENTORY_RELEASE_V1, command);
        return processed.onceBlocking(event, () -> inventory.release(command))
                .toCloudEvent(EventSources.INVENTORY_SERVICE);
    }
}

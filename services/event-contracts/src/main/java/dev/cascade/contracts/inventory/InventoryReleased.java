package dev.cascade.contracts.inventory;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.common.StockLine;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@value EventTypes#INVENTORY_RELEASED_V1}: the reservation's stock is available again. {@code items} is what this
 * release gave back, empty when there was nothing to give back.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InventoryReleased(String orderId, String reservationId, List<StockLine> items) {

    public InventoryReleased {
        items = items == null ? List.of() : List.copyOf(items);
    }
}

package dev.cascade.contracts.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@value EventTypes#INVENTORY_RELEASE_V1}: compensation; give back what a reservation holds. {@code reservationId}
 * is absent when the saga never received the reservation: the order's stock is released, and if the order holds
 * nothing yet, a reserve that arrives later is refused.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseInventory(String orderId, String reservationId) {
}

package dev.cascade.contracts.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@value EventTypes#INVENTORY_RELEASE_V1}: compensation; give back what a reservation holds. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseInventory(String orderId, String reservationId) {
}

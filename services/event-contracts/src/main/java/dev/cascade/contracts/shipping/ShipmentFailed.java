package dev.cascade.contracts.shipping;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@value EventTypes#SHIPMENT_FAILED_V1}: no carrier could be booked; nothing to compensate here. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentFailed(String orderId, String reason) {
}

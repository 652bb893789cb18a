package dev.cascade.contracts.shipping;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@value EventTypes#SHIPMENT_CANCEL_V1}: compensation; release the carrier booking. {@code shipmentId} is absent
 * when the saga never received the booking: the order's shipment is cancelled, and if there is none yet, a schedule
 * that arrives later fails.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancelShipment(String orderId, String shipmentId) {
}

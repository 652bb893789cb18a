package dev.cascade.contracts.shipping;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@value EventTypes#SHIPMENT_SCHEDULED_V1}: a carrier is booked. {@code trackingNumber} and
 * {@code estimatedDelivery} are absent when the carrier has not given them yet.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentScheduled(
        String orderId,
        String shipmentId,
        String carrier,
        String trackingNumber,
        LocalDate estimatedDelivery) {
}

package dev.cascade.shipping.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.shipping.CancelShipment;
import dev.cascade.contracts.shipping.ScheduleShipment;
import dev.cascade.contracts.shipping.ShipmentCancelled;
import dev.cascade.contracts.shipping.ShipmentFailed;
import dev.cascade.contracts.shipping.ShipmentScheduled;
import dev.cascade.functions.PermanentEventFailure;
import dev.cascade.functions.Reply;
import dev.cascade.shipping.domain.ShipmentStatus;
import dev.cascade.shipping.domain.SimulatedCarrier;
import dev.cascade.shipping.repository.Shipment;
import dev.cascade.shipping.repository.ShipmentRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Books and cancels shipments. {@link #schedule} and {@link #cancel} run inside the transaction the idempotent
 * consumer opened, so what they write commits together with the record of the event.
 */
@ApplicationScoped
public class ShippingService {

    /** The failure reason of a schedule that arrives after its order's shipment was cancelled. */
    public static final String ORDER_ALREADY_CANCELLED = "order already cancelled";

    private final SimulatedCarrier carrier = new SimulatedCarrier();

    @Inject
    ShipmentRepository shipments;

    /**
     * Books one shipment per order: a second schedule for the order answers the recorded booking or failure without
     * booking again, and a schedule after the order's shipment was cancelled fails.
     */
    public Uni<Reply> schedule(ScheduleShipment command) {
        return shipments.findByOrder(command.orderId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(answer(existing));
            }
            UUID reference = UUID.randomUUID();
            Shipment shipment = new Shipment();
            shipment.shipmentId = "shp-" + reference;
            shipment.orderId = command.orderId();
            shipment.country = command.shippingAddress().country();
            shipment.createdAt = Instant.now();
            shipment.updatedAt = shipment.createdAt;
            SimulatedCarrier.Booking booking = carrier.book(reference, command.shippingAddress(),
                    LocalDate.now(ZoneOffset.UTC));
            if (booking instanceof SimulatedCarrier.Booked booked) {
                shipment.status = ShipmentStatus.SCHEDULED;
                shipment.carrier = booked.carrier();
                shipment.trackingNumber = booked.trackingNumber();
                shipment.estimatedDelivery = booked.estimatedDelivery();
            } else {
                shipment.status = ShipmentStatus.FAILED;
                shipment.failureReason = ((SimulatedCarrier.Refused) booking).reason();
            }
            return shipments.persist(shipment).replaceWith(answer(shipment));
        });
    }

    /**
     * Releases the order's booking, by shipment id or, without one, by order. Cancelling twice, or a shipment that
     * failed, releases nothing and still answers cancelled; without any shipment a marker is left so that a schedule
     * arriving later fails.
     */
    public Uni<Reply> cancel(CancelShipment command) {
        String orderId = command.orderId();
        return shipments.lockByOrder(orderId).chain(existing -> {
            String named = command.shipmentId();
            if (named != null && (existing == null || !named.equals(existing.shipmentId))) {
                return Uni.createFrom().failure(new PermanentEventFailure(
                        "shipment " + named + " is not a shipment of order " + orderId));
            }
            if (existing == null) {
                Shipment marker = new Shipment();
                marker.shipmentId = "shp-" + UUID.randomUUID();
                marker.orderId = orderId;
                marker.status = ShipmentStatus.CANCELLED;
                marker.createdAt = Instant.now();
                marker.updatedAt = marker.createdAt;
                return shipments.persist(marker).replaceWith(cancelled(marker));
            }
            if (existing.status == ShipmentStatus.SCHEDULED) {
                existing.status = ShipmentStatus.CANCELLED;
                existing.updatedAt = Instant.now();
            }
            return Uni.createFrom().item(cancelled(existing));
        });
    }

    /** The shipments of {@code orderId}: none or one. */
    @WithSession
    public Uni<List<Shipment>> shipmentsOf(String orderId) {
        return shipments.listByOrder(orderId);
    }

    private static Reply answer(Shipment shipment) {
        return switch (shipment.status) {
            case SCHEDULED -> Reply.of(EventTypes.SHIPMENT_SCHEDULED_V1, new ShipmentScheduled(shipment.orderId,
                    shipment.shipmentId, shipment.carrier, shipment.trackingNumber, shipment.estimatedDelivery));
            case FAILED -> Reply.of(EventTypes.SHIPMENT_FAILED_V1, new ShipmentFailed(shipment.orderId, shipment.failureReason));
            case CANCELLED -> Reply.of(EventTypes.SHIPMENT_FAILED_V1, new ShipmentFailed(shipment.orderId, ORDER_ALREADY_CANCELLED));
        };
    }

    private static Reply cancelled(Shipment shipment) {
        return Reply.of(EventTypes.SHIPMENT_CANCELLED_V1, new ShipmentCancelled(shipment.orderId, shipment.shipmentId));
    }
}

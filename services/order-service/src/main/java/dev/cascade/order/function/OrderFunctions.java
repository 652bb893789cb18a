package dev.cascade.order.function;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.inventory.InventoryRejected;
import dev.cascade.contracts.inventory.InventoryReleased;
import dev.cascade.contracts.inventory.InventoryReserved;
import dev.cascade.contracts.order.PlaceOrder;
import dev.cascade.contracts.payment.PaymentAuthorized;
import dev.cascade.contracts.payment.PaymentDeclined;
import dev.cascade.contracts.payment.PaymentRefunded;
import dev.cascade.contracts.shipping.ShipmentCancelled;
import dev.cascade.contracts.shipping.ShipmentFailed;
import dev.cascade.contracts.shipping.ShipmentScheduled;
import dev.cascade.functions.IncomingEvents;
import dev.cascade.order.service.OrderCommands;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventMapping;

/**
 * The order-service's CloudEvent functions: the place-order command, and one function per participant reply the
 * saga waits for. Each checks its input against the schema, then hands it over once per (source, id). None answers
 * an event (204): what the saga emits goes out through the outbox, in the transaction that decided it. A reply the
 * saga is not waiting for (duplicate, late, unknown order) is acknowledged and ignored, never failed, so the broker
 * does not retry it.
 */
public class OrderFunctions {

    @Inject
    OrderCommands commands;

    @Funq
    @CloudEventMapping(trigger = EventTypes.ORDER_PLACE_V1)
    public CloudEvent<JsonNode> placeOrder(PlaceOrder command, @Context CloudEvent<PlaceOrder> event) {
        IncomingEvents.requireValid(EventTypes.ORDER_PLACE_V1, command);
        return commands.place(event, command).toCloudEvent(EventSources.ORDER_SERVICE);
    }

    @Funq
    @CloudEventMapping(trigger = EventTypes.INVENTORY_RESERVED_V1)
    public CloudEvent<JsonNode> inventoryReserved(InventoryReserved reply,
            @Context CloudEvent<InventoryReserved> event) {
        return advance(EventTypes.INVENTORY_RESERVED_V1, reply, reply.orderId(), event);
    }

    @Funq
    @CloudEventMapping(trigger = EventTypes.INVENTORY_REJECTED_V1)
    public CloudEvent<JsonNode> inventoryRejected(InventoryRejected reply,
            @Context CloudEvent<InventoryRejected> event) {
        return advance(EventTypes.INVENTORY_REJECTED_V1, reply, reply.orderId(), event);
    }

    @Funq
    @CloudEventMapping(trigger = EventTypes.INVENTORY_RELEASED_V1)
    public CloudEvent<JsonNode> inventoryReleased(InventoryReleased reply,
            @Context CloudEvent<InventoryReleased> event) {
        return advance(EventTypes.INVENTORY_RELEASED_V1, reply, reply.orderId(), event);
    }

    @Funq
    @CloudEventMapping(trigger = EventTypes.PAYMENT_AUTHORIZED_V1)
    public CloudEvent<JsonNode> paymentAuthorized(PaymentAuthorized reply,
            @Context CloudEvent<PaymentAuthorized> event) {
        return advance(EventTypes.PAYMENT_AUTHORIZED_V1, reply, reply.orderId(), event);
    }

    @Funq
    @CloudEventMapping(trigger = EventTypes.PAYMENT_DECLINED_V1)
    public CloudEvent<JsonNode> paymentDeclined(PaymentDeclined reply, @Context CloudEvent<PaymentDeclined> event) {
        return advance(EventTypes.PAYMENT_DECLINED_V1, reply, reply.orderId(), event);
    }

    @Funq
    @CloudEventMapping(trigger = EventTypes.PAYMENT_REFUNDED_V1)
    public CloudEvent<JsonNode> paymentRefunded(PaymentRefunded reply, @Context CloudEvent<PaymentRefunded> event) {
        return advance(EventTypes.PAYMENT_REFUNDED_V1, reply, reply.orderId(), event);
    }

    @Funq
    @CloudEventMapping(trigger = EventTypes.SHIPMENT_SCHEDULED_V1)
    public CloudEvent<JsonNode> shipmentScheduled(ShipmentScheduled reply,
            @Context CloudEvent<ShipmentScheduled> event) {
        return advance(EventTypes.SHIPMENT_SCHEDULED_V1, reply, reply.orderId(), event);
    }

    @Funq
    @CloudEventMapping(trigger = EventTypes.SHIPMENT_FAILED_V1)
    public CloudEvent<JsonNode> shipmentFailed(ShipmentFailed reply, @Context CloudEvent<ShipmentFailed> event) {
        return advance(EventTypes.SHIPMENT_FAILED_V1, reply, reply.orderId(), event);
    }

    @Funq
    @CloudEventMapping(trigger = EventTypes.SHIPMENT_CANCELLED_V1)
    public CloudEvent<JsonNode> shipmentCancelled(ShipmentCancelled reply,
            @Context CloudEvent<ShipmentCancelled> event) {
        return advance(EventTypes.SHIPMENT_CANCELLED_V1, reply, reply.orderId(), event);
    }

    private CloudEvent<JsonNode> advance(String type, Object reply, String orderId, CloudEvent<?> event) {
        IncomingEvents.requireValid(type, reply);
        return commands.advance(event, type, orderId, reply).toCloudEvent(EventSources.ORDER_SERVICE);
    }
}

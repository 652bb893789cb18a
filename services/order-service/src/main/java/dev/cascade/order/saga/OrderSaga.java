package dev.cascade.order.saga;

import static dev.cascade.contracts.EventTypes.INVENTORY_REJECTED_V1;
import static dev.cascade.contracts.EventTypes.INVENTORY_RELEASED_V1;
import static dev.cascade.contracts.EventTypes.INVENTORY_RELEASE_V1;
import static dev.cascade.contracts.EventTypes.INVENTORY_RESERVED_V1;
import static dev.cascade.contracts.EventTypes.INVENTORY_RESERVE_V1;
import static dev.cascade.contracts.EventTypes.ORDER_CANCELLED_V1;
import static dev.cascade.contracts.EventTypes.ORDER_CONFIRMED_V1;
import static dev.cascade.contracts.EventTypes.PAYMENT_AUTHORIZED_V1;
import static dev.cascade.contracts.EventTypes.PAYMENT_AUTHORIZE_V1;
import static dev.cascade.contracts.EventTypes.PAYMENT_DECLINED_V1;
import static dev.cascade.contracts.EventTypes.PAYMENT_REFUNDED_V1;
import static dev.cascade.contracts.EventTypes.PAYMENT_REFUND_V1;
import static dev.cascade.contracts.EventTypes.SHIPMENT_CANCELLED_V1;
import static dev.cascade.contracts.EventTypes.SHIPMENT_CANCEL_V1;
import static dev.cascade.contracts.EventTypes.SHIPMENT_FAILED_V1;
import static dev.cascade.contracts.EventTypes.SHIPMENT_SCHEDULED_V1;
import static dev.cascade.contracts.EventTypes.SHIPMENT_SCHEDULE_V1;
import static dev.cascade.contracts.order.CancellationReason.OUT_OF_STOCK;
import static dev.cascade.contracts.order.CancellationReason.PAYMENT_DECLINED;
import static dev.cascade.contracts.order.CancellationReason.SHIPPING_FAILED;
import static dev.cascade.order.saga.SagaIds.PAYMENT_ID;
import static dev.cascade.order.saga.SagaIds.RESERVATION_ID;
import static dev.cascade.order.saga.SagaIds.SHIPMENT_ID;
import static dev.cascade.order.saga.SagaIds.TRACKING_NUMBER;

import java.time.Duration;
import java.time.Instant;

import dev.cascade.contracts.inventory.InventoryRejected;
import dev.cascade.contracts.inventory.InventoryReserved;
import dev.cascade.contracts.inventory.ReleaseInventory;
import dev.cascade.contracts.inventory.ReserveInventory;
import dev.cascade.contracts.order.OrderCancelled;
import dev.cascade.contracts.order.OrderConfirmed;
import dev.cascade.contracts.payment.AuthorizePayment;
import dev.cascade.contracts.payment.PaymentAuthorized;
import dev.cascade.contracts.payment.PaymentDeclined;
import dev.cascade.contracts.payment.RefundPayment;
import dev.cascade.contracts.shipping.CancelShipment;
import dev.cascade.contracts.shipping.ScheduleShipment;
import dev.cascade.contracts.shipping.ShipmentFailed;
import dev.cascade.contracts.shipping.ShipmentScheduled;
import dev.cascade.order.domain.Order;

/** The order saga: reserve inventory, authorize payment, schedule shipment; undone in reverse on failure. */
public final class OrderSaga {

    public static final String RESERVE_INVENTORY = "reserve inventory";
    public static final String AUTHORIZE_PAYMENT = "authorize payment";
    public static final String SCHEDULE_SHIPMENT = "schedule shipment";

    private OrderSaga() {
    }

    public static SagaDefinition definition(Duration stepTimeout) {
        return SagaDefinition.builder()
                .step(RESERVE_INVENTORY)
                    .invoke(INVENTORY_RESERVE_V1, (order, ids) -> new ReserveInventory(order.orderId(), order.stockLines()))
                    .onReply(INVENTORY_RESERVED_V1, InventoryReserved.class,
                            reply -> SagaIds.of(RESERVATION_ID, reply.reservationId()))
                    .failWhen(INVENTORY_REJECTED_V1, InventoryRejected.class, OUT_OF_STOCK, InventoryRejected::reason)
                    .compensateWith(INVENTORY_RELEASE_V1,
                            (order, ids) -> new ReleaseInventory(order.orderId(), ids.get(RESERVATION_ID)))
                    .compensatedBy(INVENTORY_RELEASED_V1)
                .step(AUTHORIZE_PAYMENT)
                    .invoke(PAYMENT_AUTHORIZE_V1, (order, ids) -> new AuthorizePayment(order.orderId(),
                            order.customerId(), order.total(), order.payment().method(), order.payment().token()))
                    .onReply(PAYMENT_AUTHORIZED_V1, PaymentAuthorized.class,
                            reply -> SagaIds.of(PAYMENT_ID, reply.paymentId()))
                    .failWhen(PAYMENT_DECLINED_V1, PaymentDeclined.class, PAYMENT_DECLINED, PaymentDeclined::reason)
                    .compensateWith(PAYMENT_REFUND_V1,
                            (order, ids) -> new RefundPayment(order.orderId(), ids.get(PAYMENT_ID), order.total()))
                    .compensatedBy(PAYMENT_REFUNDED_V1)
                .step(SCHEDULE_SHIPMENT)
                    .invoke(SHIPMENT_SCHEDULE_V1, (order, ids) -> new ScheduleShipment(order.orderId(),
                            order.shippingAddress(), order.stockLines()))
                    .onReply(SHIPMENT_SCHEDULED_V1, ShipmentScheduled.class, reply -> SagaIds.of(
                            SHIPMENT_ID, reply.shipmentId(), TRACKING_NUMBER, reply.trackingNumber()))
                    .failWhen(SHIPMENT_FAILED_V1, ShipmentFailed.class, SHIPPING_FAILED, ShipmentFailed::reason)
                    .compensateWith(SHIPMENT_CANCEL_V1,
                            (order, ids) -> new CancelShipment(order.orderId(), ids.get(SHIPMENT_ID)))
                    .compensatedBy(SHIPMENT_CANCELLED_V1)
                .endWith(ORDER_CONFIRMED_V1, order -> new OrderConfirmed(order.orderId(), order.customerId(),
                        order.total(), order.ids().get(PAYMENT_ID), order.ids().get(SHIPMENT_ID),
                        order.ids().get(TRACKING_NUMBER), lastChange(order)))
                .cancelWith(ORDER_CANCELLED_V1, order -> new OrderCancelled(order.orderId(), order.customerId(),
                        order.cancellationReason(), text(order.cancellationDetail()), lastChange(order)))
                .stepTimeout(stepTimeout)
                .build();
    }

    /** Detail fit for the contract's text field: absent rather than blank, never longer than 500 characters. */
    private static String text(String detail) {
        if (detail == null || detail.isBlank()) {
            return null;
        }
        return detail.length() > 500 ? detail.substring(0, 499) + "…" : detail;
    }

    private static Instant lastChange(Order order) {
        var events = order.uncommitted();
        return events.get(events.size() - 1).at();
    }
}

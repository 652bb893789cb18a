package dev.cascade.contracts;

import static dev.cascade.contracts.EventDefinition.Kind.COMMAND;
import static dev.cascade.contracts.EventDefinition.Kind.EVENT;
import static dev.cascade.contracts.Services.ANOMALY_DETECTOR;
import static dev.cascade.contracts.Services.DEAD_LETTER_SERVICE;
import static dev.cascade.contracts.Services.INVENTORY_SERVICE;
import static dev.cascade.contracts.Services.NOTIFICATION_SERVICE;
import static dev.cascade.contracts.Services.ORDER_SERVICE;
import static dev.cascade.contracts.Services.PAYMENT_SERVICE;
import static dev.cascade.contracts.Services.SHIPPING_SERVICE;
import static dev.cascade.contracts.Services.TELEMETRY_SERVICE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cascade.contracts.EventDefinition.Kind;
import dev.cascade.contracts.deadletter.DeadLetterRecorded;
import dev.cascade.contracts.inventory.InventoryRejected;
import dev.cascade.contracts.inventory.InventoryReleased;
import dev.cascade.contracts.inventory.InventoryReserved;
import dev.cascade.contracts.inventory.ReleaseInventory;
import dev.cascade.contracts.inventory.ReserveInventory;
import dev.cascade.contracts.order.OrderCancelled;
import dev.cascade.contracts.order.OrderConfirmed;
import dev.cascade.contracts.order.OrderPlaced;
import dev.cascade.contracts.order.PlaceOrder;
import dev.cascade.contracts.payment.AuthorizePayment;
import dev.cascade.contracts.payment.PaymentAuthorized;
import dev.cascade.contracts.payment.PaymentDeclined;
import dev.cascade.contracts.payment.PaymentRefunded;
import dev.cascade.contracts.payment.RefundPayment;
import dev.cascade.contracts.shipping.CancelShipment;
import dev.cascade.contracts.shipping.ScheduleShipment;
import dev.cascade.contracts.shipping.ShipmentCancelled;
import dev.cascade.contracts.shipping.ShipmentFailed;
import dev.cascade.contracts.shipping.ShipmentScheduled;
import dev.cascade.contracts.telemetry.AnomalyDetected;
import dev.cascade.contracts.telemetry.Reading;
import dev.cascade.contracts.telemetry.ReadingRejected;
import dev.cascade.contracts.telemetry.WindowClosed;

/**
 * Every event type of Cascade, with its payload and who produces and consumes it. Tests, the
 * generated AsyncAPI document and the mesh lint read this; nothing else lists event types.
 */
public final class EventCatalog {

    /** Producer or consumer name for parties outside Cascade: the storefront, devices, operators. */
    public static final String EXTERNAL = "external";

    private static final List<EventDefinition> DEFINITIONS = List.of(
            // The order saga. order-service orchestrates: it sends every command and hears every reply.
            broker(COMMAND, EventTypes.ORDER_PLACE_V1, PlaceOrder.class,
                    "A customer asks for an order: items, payment token and shipping address.",
                    List.of(EXTERNAL), List.of(ORDER_SERVICE)),
            broker(EVENT, EventTypes.ORDER_PLACED_V1, OrderPlaced.class,
                    "The order-service accepted an order and priced it, and its saga has started; published for whoever "
                            + "follows orders (a storefront's status page, analytics).",
                    List.of(ORDER_SERVICE), List.of(EXTERNAL)),
            broker(EVENT, EventTypes.ORDER_CONFIRMED_V1, OrderConfirmed.class,
                    "Stock reserved, payment authorized and shipment scheduled: the order will be fulfilled.",
                    List.of(ORDER_SERVICE), List.of(NOTIFICATION_SERVICE)),
            broker(EVENT, EventTypes.ORDER_CANCELLED_V1, OrderCancelled.class,
                    "The order will not be fulfilled; every completed step has been compensated.",
                    List.of(ORDER_SERVICE), List.of(NOTIFICATION_SERVICE)),

            broker(COMMAND, EventTypes.INVENTORY_RESERVE_V1, ReserveInventory.class,
                    "Hold stock for every line of an order, all or nothing.",
                    List.of(ORDER_SERVICE), List.of(INVENTORY_SERVICE)),
            broker(EVENT, EventTypes.INVENTORY_RESERVED_V1, InventoryReserved.class,
                    "Every line of the order is held under one reservation.",
                    List.of(INVENTORY_SERVICE), List.of(ORDER_SERVICE)),
            broker(EVENT, EventTypes.INVENTORY_REJECTED_V1, InventoryRejected.class,
                    "Nothing was reserved because at least one line is short of stock.",
                    List.of(INVENTORY_SERVICE), List.of(ORDER_SERVICE)),
            broker(COMMAND, EventTypes.INVENTORY_RELEASE_V1, ReleaseInventory.class,
                    "Compensation: give back the stock a reservation holds.",
                    List.of(ORDER_SERVICE), List.of(INVENTORY_SERVICE)),
            broker(EVENT, EventTypes.INVENTORY_RELEASED_V1, InventoryReleased.class,
                    "The stock of a reservation is available again.",
                    List.of(INVENTORY_SERVICE), List.of(ORDER_SERVICE)),

            broker(COMMAND, EventTypes.PAYMENT_AUTHORIZE_V1, AuthorizePayment.class,
                    "Hold the order total on the customer's payment method.",
                    List.of(ORDER_SERVICE), List.of(PAYMENT_SERVICE)),
            broker(EVENT, EventTypes.PAYMENT_AUTHORIZED_V1, PaymentAuthorized.class,
                    "The amount is held and can be captured or refunded.",
                    List.of(PAYMENT_SERVICE), List.of(ORDER_SERVICE)),
            broker(EVENT, EventTypes.PAYMENT_DECLINED_V1, PaymentDeclined.class,
                    "The payment provider refused the authorization.",
                    List.of(PAYMENT_SERVICE), List.of(ORDER_SERVICE, NOTIFICATION_SERVICE)),
            broker(COMMAND, EventTypes.PAYMENT_REFUND_V1, RefundPayment.class,
                    "Compensation: give back an authorized payment.",
                    List.of(ORDER_SERVICE), List.of(PAYMENT_SERVICE)),
            broker(EVENT, EventTypes.PAYMENT_REFUNDED_V1, PaymentRefunded.class,
                    "The payment has been given back.",
                    List.of(PAYMENT_SERVICE), List.of(ORDER_SERVICE)),

            broker(COMMAND, EventTypes.SHIPMENT_SCHEDULE_V1, ScheduleShipment.class,
                    "Book a carrier for the reserved items of an order.",
                    List.of(ORDER_SERVICE), List.of(SHIPPING_SERVICE)),
            broker(EVENT, EventTypes.SHIPMENT_SCHEDULED_V1, ShipmentScheduled.class,
                    "A carrier is booked for the order.",
                    List.of(SHIPPING_SERVICE), List.of(ORDER_SERVICE)),
            broker(EVENT, EventTypes.SHIPMENT_FAILED_V1, ShipmentFailed.class,
                    "No carrier could be booked for the order.",
                    List.of(SHIPPING_SERVICE), List.of(ORDER_SERVICE)),
            broker(COMMAND, EventTypes.SHIPMENT_CANCEL_V1, CancelShipment.class,
                    "Compensation: release a carrier booking.",
                    List.of(ORDER_SERVICE), List.of(SHIPPING_SERVICE)),
            broker(EVENT, EventTypes.SHIPMENT_CANCELLED_V1, ShipmentCancelled.class,
                    "The carrier booking is released.",
                    List.of(SHIPPING_SERVICE), List.of(ORDER_SERVICE)),

            // Telemetry. Raw readings and rejects are high-volume and stay on Kafka.
            kafka(EventTypes.TELEMETRY_READING_V1, Reading.class,
                    "One sensor measurement as a device sends it.",
                    Topics.TELEMETRY_READINGS_RAW, List.of(EXTERNAL), List.of(TELEMETRY_SERVICE)),
            kafka(EventTypes.TELEMETRY_READING_REJECTED_V1, ReadingRejected.class,
                    "A reading the telemetry-service refused, with the input and the reason, for operators.",
                    Topics.TELEMETRY_READINGS_REJECTED, List.of(TELEMETRY_SERVICE), List.of(EXTERNAL)),
            broker(EVENT, EventTypes.TELEMETRY_WINDOW_CLOSED_V1, WindowClosed.class,
                    "Statistics of one device's sensor over a closed tumbling window.",
                    List.of(TELEMETRY_SERVICE), List.of(ANOMALY_DETECTOR)),
            broker(EVENT, EventTypes.TELEMETRY_ANOMALY_DETECTED_V1, AnomalyDetected.class,
                    "A closed window broke a limit or strayed from the device's baseline.",
                    List.of(ANOMALY_DETECTOR), List.of(NOTIFICATION_SERVICE)),

            broker(EVENT, EventTypes.DEADLETTER_RECORDED_V1, DeadLetterRecorded.class,
                    "An event Knative could not deliver has been stored for inspection and replay.",
                    List.of(DEAD_LETTER_SERVICE), List.of(NOTIFICATION_SERVICE)));

    private static final Map<String, EventDefinition> BY_TYPE = index(DEFINITIONS);

    private EventCatalog() {
    }

    /** Every definition, in catalog order. */
    public static List<EventDefinition> all() {
        return DEFINITIONS;
    }

    /** Every event type, in catalog order. */
    public static List<String> types() {
        return DEFINITIONS.stream().map(EventDefinition::type).toList();
    }

    public static Optional<EventDefinition> find(String type) {
        return Optional.ofNullable(type == null ? null : BY_TYPE.get(type));
    }

    /**
     * The definition of a type.
     *
     * @throws UnknownEventTypeException if the catalog has no such type
     */
    public static EventDefinition get(String type) {
        return find(type).orElseThrow(() -> new UnknownEventTypeException(type));
    }

    public static boolean contains(String type) {
        return find(type).isPresent();
    }

    /** The types a service (or {@link #EXTERNAL}) sends. */
    public static List<EventDefinition> producedBy(String name) {
        return DEFINITIONS.stream().filter(d -> d.isProducedBy(name)).toList();
    }

    /** The types a service (or {@link #EXTERNAL}) receives. */
    public static List<EventDefinition> consumedBy(String name) {
        return DEFINITIONS.stream().filter(d -> d.isConsumedBy(name)).toList();
    }

    private static EventDefinition broker(Kind kind, String type, Class<? extends Record> payload,
            String description, List<String> producers, List<String> consumers) {
        return new EventDefinition(type, kind, payload, description, producers, consumers, Transport.BROKER, null);
    }

    private static EventDefinition kafka(String type, Class<? extends Record> payload, String description,
            String topic, List<String> producers, List<String> consumers) {
        return new EventDefinition(type, EVENT, payload, description, producers, consumers, Transport.KAFKA, topic);
    }

    private static Map<String, EventDefinition> index(List<EventDefinition> definitions) {
        Map<String, EventDefinition> byType = new LinkedHashMap<>();
        for (EventDefinition definition : definitions) {
            if (byType.put(definition.type(), definition) != null) {
                throw new IllegalStateException("Event type listed twice: " + definition.type());
            }
        }
        return Map.copyOf(byType);
    }
}

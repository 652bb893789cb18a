package dev.cascade.order.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.cascade.contracts.common.Address;
import dev.cascade.contracts.common.LineItem;
import dev.cascade.contracts.order.CancellationReason;
import dev.cascade.contracts.order.PaymentDetails;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the event store records about an order. These are the store's own facts, not CloudEvents: their names
 * ({@link #name()}) are short nouns that never look like a contract type, and they may carry what no contract
 * event does (the payment token). Every record carries the instant it happened, so a replay rebuilds the same
 * views as the live projection did.
 */
public sealed interface OrderEvent {

    /** The name in {@code order_event.event_type}. */
    String name();

    Instant at();

    /** The order was accepted; the saga starts. */
    @RegisterForReflection
    record Placed(String orderId, String customerId, List<LineItem> items, PaymentDetails payment,
            Address shippingAddress, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total, Instant at)
            implements OrderEvent {
        public Placed {
            items = List.copyOf(items);
        }

        @Override
        public String name() {
            return "OrderPlaced";
        }
    }

    /** A saga step's participant did its part; {@code ids} are what it answered (reservationId, paymentId...). */
    @RegisterForReflection
    record StepSucceeded(String step, Map<String, String> ids, Instant at) implements OrderEvent {
        public StepSucceeded {
            ids = Map.copyOf(ids);
        }

        @Override
        public String name() {
            return "StepSucceeded";
        }
    }

    /** A step's participant refused (out of stock, declined, no carrier): nothing was done for this step. */
    @RegisterForReflection
    record StepFailed(String step, CancellationReason reason, String detail, Instant at) implements OrderEvent {
        @Override
        public String name() {
            return "StepFailed";
        }
    }

    /** A step's participant did not answer in time; the step is compensated as if it had happened. */
    @RegisterForReflection
    record StepTimedOut(String step, Instant at) implements OrderEvent {
        @Override
        public String name() {
            return "StepTimedOut";
        }
    }

    /** A step's compensation was confirmed by its participant. */
    @RegisterForReflection
    record StepCompensated(String step, Instant at) implements OrderEvent {
        @Override
        public String name() {
            return "StepCompensated";
        }
    }

    /** Every step succeeded. */
    @RegisterForReflection
    record Confirmed(Instant at) implements OrderEvent {
        @Override
        public String name() {
            return "OrderConfirmed";
        }
    }

    /** Every completed step has been compensated; the order will not be fulfilled. */
    @RegisterForReflection
    record Cancelled(CancellationReason reason, String detail, Instant at) implements OrderEvent {
        @Override
        public String name() {
            return "OrderCancelled";
        }
    }

    /** The record class stored under {@code name}. */
    static Class<? extends OrderEvent> classOf(String name) {
        return switch (name) {
            case "OrderPlaced" -> Placed.class;
            case "StepSucceeded" -> StepSucceeded.class;
            case "StepFailed" -> StepFailed.class;
            case "StepTimedOut" -> StepTimedOut.class;
            case "StepCompensated" -> StepCompensated.class;
            case "OrderConfirmed" -> Confirmed.class;
            case "OrderCancelled" -> Cancelled.class;
            default -> throw new IllegalArgumentException("not an order event: " + name);
        };
    }
}

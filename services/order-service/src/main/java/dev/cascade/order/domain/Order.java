package dev.cascade.order.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.cascade.contracts.common.Address;
import dev.cascade.contracts.common.LineItem;
import dev.cascade.contracts.common.StockLine;
import dev.cascade.contracts.order.CancellationReason;
import dev.cascade.contracts.order.PaymentDetails;
import dev.cascade.contracts.order.PlaceOrder;

/**
 * The order aggregate, event-sourced: its state is nothing but the fold of its events ({@link #apply}), and every
 * decision checks that state, then records a new event, applied at once and kept in {@link #uncommitted()} until
 * the store appends it at {@link #committedVersion()} + 1.
 */
public final class Order {

    private final String orderId;
    private String customerId;
    private List<LineItem> items = List.of();
    private PaymentDetails payment;
    private Address shippingAddress;
    private BigDecimal total;
    private Instant placedAt;
    private OrderStatus status;
    private CancellationReason cancellationReason;
    private String cancellationDetail;
    private final Map<String, String> ids = new HashMap<>();
    private int version;
    private final List<OrderEvent> uncommitted = new ArrayList<>();

    private Order(String orderId) {
        this.orderId = Objects.requireNonNull(orderId, "orderId");
    }

    /** The order as its stored events left it; an order that does not exist yet when there are none. */
    public static Order replay(String orderId, List<OrderEvent> history) {
        Order order = new Order(orderId);
        history.forEach(order::apply);
        return order;
    }

    /** The sum of quantity × unit price over the lines, in cents. */
    public static BigDecimal totalOf(List<LineItem> items) {
        return items.stream()
                .map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.UNNECESSARY);
    }

    /**
     * Places this (new) order.
     *
     * @throws IllegalStateException if it exists already
     */
    public void place(PlaceOrder command, Instant now) {
        if (exists()) {
            throw new IllegalStateException("order " + orderId + " exists already");
        }
        if (!orderId.equals(command.orderId())) {
            throw new IllegalArgumentException("command is for order " + command.orderId() + ", not " + orderId);
        }
        record(new OrderEvent.Placed(orderId, command.customerId(), command.items(), command.payment(),
                command.shippingAddress(), totalOf(command.items()), now));
    }

    /** Whether {@code command} asks for exactly this order, so that repeating it changes nothing. */
    public boolean isPlacedBy(PlaceOrder command) {
        return exists()
                && Objects.equals(customerId, command.customerId())
                && sameLines(items, command.items())
                && Objects.equals(payment, command.payment())
                && Objects.equals(shippingAddress, command.shippingAddress());
    }

    private static boolean sameLines(List<LineItem> a, List<LineItem> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            LineItem x = a.get(i);
            LineItem y = b.get(i);
            // "12.5" and "12.50" are the same price.
            if (!x.sku().equals(y.sku()) || x.quantity() != y.quantity()
                    || x.unitPrice().compareTo(y.unitPrice()) != 0) {
                return false;
            }
        }
        return true;
    }

    public void recordStepSucceeded(String step, Map<String, String> answeredIds, Instant now) {
        requirePending();
        record(new OrderEvent.StepSucceeded(step, answeredIds, now));
    }

    public void recordStepFailed(String step, CancellationReason reason, String detail, Instant now) {
        requirePending();
        record(new OrderEvent.StepFailed(step, reason, detail, now));
    }

    public void recordStepTimedOut(String step, Instant now) {
        requirePending();
        record(new OrderEvent.StepTimedOut(step, now));
    }

    public void recordStepCompensated(String step, Instant now) {
        requirePending();
        record(new OrderEvent.StepCompensated(step, now));
    }

    public void confirm(Instant now) {
        requirePending();
        record(new OrderEvent.Confirmed(now));
    }

    public void cancel(CancellationReason reason, String detail, Instant now) {
        requirePending();
        record(new OrderEvent.Cancelled(Objects.requireNonNull(reason, "reason"), detail, now));
    }

    private void requirePending() {
        if (status != OrderStatus.PENDING) {
            throw new IllegalStateException("order " + orderId + " is " + (status == null ? "not placed" : status));
        }
    }

    private void record(OrderEvent event) {
        apply(event);
        uncommitted.add(event);
    }

    /** Folds one stored event into the state; never refuses (the event happened). */
    public void apply(OrderEvent event) {
        if (event instanceof OrderEvent.Placed placed) {
            customerId = placed.customerId();
            items = placed.items();
            payment = placed.payment();
            shippingAddress = placed.shippingAddress();
            total = placed.total();
            placedAt = placed.at();
            status = OrderStatus.PENDING;
        } else if (event instanceof OrderEvent.StepSucceeded succeeded) {
            ids.putAll(succeeded.ids());
        } else if (event instanceof OrderEvent.Confirmed) {
            status = OrderStatus.CONFIRMED;
        } else if (event instanceof OrderEvent.Cancelled cancelled) {
            status = OrderStatus.CANCELLED;
            cancellationReason = cancelled.reason();
            cancellationDetail = cancelled.detail();
        }
        // StepFailed, StepTimedOut and StepCompensated change no state of the order: the saga acts on them.
        version++;
    }

    public boolean exists() {
        return status != null;
    }

    public String orderId() {
        return orderId;
    }

    public String customerId() {
        return customerId;
    }

    public List<LineItem> items() {
        return items;
    }

    /** The lines without prices, as inventory and shipping want them. */
    public List<StockLine> stockLines() {
        return items.stream().map(line -> new StockLine(line.sku(), line.quantity())).toList();
    }

    public PaymentDetails payment() {
        return payment;
    }

    public Address shippingAddress() {
        return shippingAddress;
    }

    public BigDecimal total() {
        return total;
    }

    public Instant placedAt() {
        return placedAt;
    }

    public OrderStatus status() {
        return status;
    }

    public CancellationReason cancellationReason() {
        return cancellationReason;
    }

    public String cancellationDetail() {
        return cancellationDetail;
    }

    /** What the participants answered so far: reservationId, paymentId, shipmentId, trackingNumber. */
    public Map<String, String> ids() {
        return Collections.unmodifiableMap(ids);
    }

    /** The number of events applied, stored and new. */
    public int version() {
        return version;
    }

    /** The version the store holds: new events are appended after it. */
    public int committedVersion() {
        return version - uncommitted.size();
    }

    /** Events decided since the order was loaded, not yet appended. */
    public List<OrderEvent> uncommitted() {
        return List.copyOf(uncommitted);
    }
}

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
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.EventValidator;
import dev.cascade.contracts.CascadeJson;
import dev.cascade.contracts.inventory.InventoryRejected;
import dev.cascade.contracts.inventory.InventoryReleased;
import dev.cascade.contracts.inventory.InventoryReserved;
import dev.cascade.contracts.inventory.ReleaseInventory;
import dev.cascade.contracts.order.CancellationReason;
import dev.cascade.contracts.order.OrderCancelled;
import dev.cascade.contracts.order.OrderConfirmed;
import dev.cascade.contracts.payment.AuthorizePayment;
import dev.cascade.contracts.payment.PaymentAuthorized;
import dev.cascade.contracts.payment.PaymentDeclined;
import dev.cascade.contracts.payment.PaymentRefunded;
import dev.cascade.contracts.payment.RefundPayment;
import dev.cascade.contracts.shipping.CancelShipment;
import dev.cascade.contracts.shipping.ShipmentCancelled;
import dev.cascade.contracts.shipping.ShipmentFailed;
import dev.cascade.contracts.shipping.ShipmentScheduled;
import dev.cascade.order.domain.Order;
import dev.cascade.order.domain.OrderEvent;
import dev.cascade.order.domain.OrderStatus;
import dev.cascade.order.domain.Orders;

class OrderSagaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final SagaDefinition SAGA = OrderSaga.definition(TIMEOUT);
    private static final EventValidator VALIDATOR = EventValidator.create();
    private static final BigDecimal TOTAL = new BigDecimal("32.90");

    /** One saga run: the order, the saga's state and everything it emitted, with a clock that the test moves. */
    private static final class Run {
        final Order order = Order.replay("o-1", List.of());
        SagaState state;
        Instant now = Instant.parse("2026-03-14T09:26:50Z");
        final List<Outgoing> emitted = new ArrayList<>();

        Run() {
            order.place(Orders.command("o-1"), now);
            take(SAGA.start(order, now));
        }

        Run reply(String type, Object payload) {
            now = now.plusMillis(10);
            SAGA.onReply(state, order, type, payload, now).ifPresent(this::take);
            return this;
        }

        Run timeOut() {
            now = state.deadline();
            take(SAGA.onDeadline(state, order, now).orElseThrow());
            return this;
        }

        private void take(SagaTransition transition) {
            state = transition.next();
            emitted.addAll(transition.emit());
        }

        List<String> types() {
            return emitted.stream().map(Outgoing::type).toList();
        }

        Object last() {
            return emitted.get(emitted.size() - 1).data();
        }
    }

    private static InventoryReserved reserved() {
        return new InventoryReserved("o-1", "res-1", List.of());
    }

    private static PaymentAuthorized authorized() {
        return new PaymentAuthorized("o-1", "pay-1", TOTAL);
    }

    @Test
    void happyPathReservesAuthorizesSchedulesAndConfirms() {
        Run run = new Run()
                .reply(INVENTORY_RESERVED_V1, reserved())
                .reply(PAYMENT_AUTHORIZED_V1, authorized())
                .reply(SHIPMENT_SCHEDULED_V1, new ShipmentScheduled("o-1", "shp-1", "DHL", "TRK-0001", null));

        assertThat(run.types()).containsExactly(INVENTORY_RESERVE_V1, PAYMENT_AUTHORIZE_V1, SHIPMENT_SCHEDULE_V1,
                ORDER_CONFIRMED_V1);
        assertThat(run.state.phase()).isEqualTo(SagaPhase.DONE);
        assertThat(run.order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat((OrderConfirmed) run.last()).satisfies(confirmed -> {
            assertThat(confirmed.paymentId()).isEqualTo("pay-1");
            assertThat(confirmed.shipmentId()).isEqualTo("shp-1");
            assertThat(confirmed.trackingNumber()).isEqualTo("TRK-0001");
            assertThat(confirmed.total()).isEqualByComparingTo(TOTAL);
        });
        assertThat((AuthorizePayment) run.emitted.get(1).data()).satisfies(authorize -> {
            assertThat(authorize.amount()).isEqualByComparingTo(TOTAL);
            assertThat(authorize.token()).isEqualTo("tok_4f9d2c7a1e");
        });
    }

    @Test
    void everythingTheSagaEmitsSatisfiesItsSchema() {
        Run happy = new Run().reply(INVENTORY_RESERVED_V1, reserved()).reply(PAYMENT_AUTHORIZED_V1, authorized())
                .reply(SHIPMENT_SCHEDULED_V1, new ShipmentScheduled("o-1", "shp-1", null, null, null));
        Run timedOut = new Run().reply(INVENTORY_RESERVED_V1, reserved()).timeOut()
                .reply(PAYMENT_REFUNDED_V1, new PaymentRefunded("o-1", "pay-x", TOTAL)).timeOut();
        List<Outgoing> all = new ArrayList<>(happy.emitted);
        all.addAll(timedOut.emitted);
        var json = CascadeJson.newObjectMapper();
        for (Outgoing event : all) {
            assertThat(VALIDATOR.validate(event.type(), json.valueToTree(event.data())).violations())
                    .as(event.type()).isEmpty();
        }
    }

    @Test
    void outOfStockCancelsWithoutCompensatingAnything() {
        Run run = new Run().reply(INVENTORY_REJECTED_V1, new InventoryRejected("o-1", "MUG-BLUE: 0 left", List.of()));

        assertThat(run.types()).containsExactly(INVENTORY_RESERVE_V1, ORDER_CANCELLED_V1);
        assertThat(run.order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat((OrderCancelled) run.last()).satisfies(cancelled -> {
            assertThat(cancelled.reason()).isEqualTo(CancellationReason.OUT_OF_STOCK);
            assertThat(cancelled.detail()).isEqualTo("MUG-BLUE: 0 left");
        });
    }

    @Test
    void declinedPaymentReleasesTheStockAndNeedsNoRefund() {
        Run run = new Run()
                .reply(INVENTORY_RESERVED_V1, reserved())
                .reply(PAYMENT_DECLINED_V1, new PaymentDeclined("o-1", "pay-1", TOTAL, "card declined"));

        assertThat(run.types()).containsExactly(INVENTORY_RESERVE_V1, PAYMENT_AUTHORIZE_V1, INVENTORY_RELEASE_V1);
        assertThat((ReleaseInventory) run.last()).isEqualTo(new ReleaseInventory("o-1", "res-1"));
        assertThat(run.order.status()).isEqualTo(OrderStatus.PENDING);

        run.reply(INVENTORY_RELEASED_V1, new InventoryReleased("o-1", "res-1", List.of()));

        assertThat(run.types()).endsWith(ORDER_CANCELLED_V1).doesNotContain(PAYMENT_REFUND_V1);
        assertThat(run.order.cancellationReason()).isEqualTo(CancellationReason.PAYMENT_DECLINED);
        assertThat(run.state.phase()).isEqualTo(SagaPhase.DONE);
    }

    @Test
    void failedShipmentRefundsThenReleasesInReverseOrder() {
        Run run = new Run()
                .reply(INVENTORY_RESERVED_V1, reserved())
                .reply(PAYMENT_AUTHORIZED_V1, authorized())
                .reply(SHIPMENT_FAILED_V1, new ShipmentFailed("o-1", "no carrier for XX"))
                .reply(PAYMENT_REFUNDED_V1, new PaymentRefunded("o-1", "pay-1", TOTAL))
                .reply(INVENTORY_RELEASED_V1, new InventoryReleased("o-1", "res-1", List.of()));

        assertThat(run.types()).containsExactly(INVENTORY_RESERVE_V1, PAYMENT_AUTHORIZE_V1, SHIPMENT_SCHEDULE_V1,
                PAYMENT_REFUND_V1, INVENTORY_RELEASE_V1, ORDER_CANCELLED_V1);
        assertThat((RefundPayment) run.emitted.get(3).data()).isEqualTo(new RefundPayment("o-1", "pay-1", TOTAL));
        assertThat(run.order.cancellationReason()).isEqualTo(CancellationReason.SHIPPING_FAILED);
        assertThat(run.order.uncommitted()).filteredOn(OrderEvent.StepCompensated.class::isInstance)
                .extracting(e -> ((OrderEvent.StepCompensated) e).step())
                .containsExactly(OrderSaga.AUTHORIZE_PAYMENT, OrderSaga.RESERVE_INVENTORY);
    }

    @Test
    void compensationWaitsForEachUndoBeforeTheNext() {
        Run run = new Run()
                .reply(INVENTORY_RESERVED_V1, reserved())
                .reply(PAYMENT_AUTHORIZED_V1, authorized())
                .reply(SHIPMENT_FAILED_V1, new ShipmentFailed("o-1", "no carrier"))
                // The release confirmation is not what the saga waits for yet: ignored.
                .reply(INVENTORY_RELEASED_V1, new InventoryReleased("o-1", "res-1", List.of()));

        assertThat(run.types()).endsWith(PAYMENT_REFUND_V1).doesNotContain(INVENTORY_RELEASE_V1);
        assertThat(run.state.phase()).isEqualTo(SagaPhase.COMPENSATING);
    }

    @Test
    void timeoutOfTheReserveStepReleasesByOrderIdAndCancels() {
        Run run = new Run().timeOut();

        assertThat(run.types()).containsExactly(INVENTORY_RESERVE_V1, INVENTORY_RELEASE_V1);
        assertThat((ReleaseInventory) run.last()).isEqualTo(new ReleaseInventory("o-1", null));

        run.reply(INVENTORY_RELEASED_V1, new InventoryReleased("o-1", "res-9", List.of()));

        assertThat(run.types()).endsWith(ORDER_CANCELLED_V1);
        assertThat(run.order.cancellationReason()).isEqualTo(CancellationReason.STEP_TIMED_OUT);
        assertThat(((OrderCancelled) run.last()).detail()).contains("reserve inventory");
    }

    @Test
    void timeoutOfThePaymentStepRefundsByOrderIdThenReleases() {
        Run run = new Run().reply(INVENTORY_RESERVED_V1, reserved()).timeOut();

        assertThat((RefundPayment) run.last()).isEqualTo(new RefundPayment("o-1", null, TOTAL));

        run.reply(PAYMENT_REFUNDED_V1, new PaymentRefunded("o-1", "pay-7", TOTAL))
                .reply(INVENTORY_RELEASED_V1, new InventoryReleased("o-1", "res-1", List.of()));

        assertThat(run.types()).containsExactly(INVENTORY_RESERVE_V1, PAYMENT_AUTHORIZE_V1, PAYMENT_REFUND_V1,
                INVENTORY_RELEASE_V1, ORDER_CANCELLED_V1);
        assertThat(run.order.cancellationReason()).isEqualTo(CancellationReason.STEP_TIMED_OUT);
    }

    @Test
    void timeoutOfTheShipmentStepCancelsRefundsAndReleases() {
        Run run = new Run().reply(INVENTORY_RESERVED_V1, reserved()).reply(PAYMENT_AUTHORIZED_V1, authorized())
                .timeOut();

        assertThat((CancelShipment) run.last()).isEqualTo(new CancelShipment("o-1", null));

        run.reply(SHIPMENT_CANCELLED_V1, new ShipmentCancelled("o-1", "shp-late"))
                .reply(PAYMENT_REFUNDED_V1, new PaymentRefunded("o-1", "pay-1", TOTAL))
                .reply(INVENTORY_RELEASED_V1, new InventoryReleased("o-1", "res-1", List.of()));

        assertThat(run.types()).containsExactly(INVENTORY_RESERVE_V1, PAYMENT_AUTHORIZE_V1, SHIPMENT_SCHEDULE_V1,
                SHIPMENT_CANCEL_V1, PAYMENT_REFUND_V1, INVENTORY_RELEASE_V1, ORDER_CANCELLED_V1);
        assertThat(run.order.status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void anUnansweredCompensationIsSentAgainAtEachDeadline() {
        Run run = new Run().reply(INVENTORY_RESERVED_V1, reserved())
                .reply(PAYMENT_DECLINED_V1, new PaymentDeclined("o-1", "pay-1", TOTAL, "declined"))
                .timeOut()
                .timeOut();

        assertThat(run.types()).containsExactly(INVENTORY_RESERVE_V1, PAYMENT_AUTHORIZE_V1, INVENTORY_RELEASE_V1,
                INVENTORY_RELEASE_V1, INVENTORY_RELEASE_V1);
        assertThat(run.state.attempts()).isEqualTo(3);
        assertThat(run.order.status()).isEqualTo(OrderStatus.PENDING);

        run.reply(INVENTORY_RELEASED_V1, new InventoryReleased("o-1", "res-1", List.of()));

        assertThat(run.order.cancellationReason()).isEqualTo(CancellationReason.PAYMENT_DECLINED);
    }

    @Test
    void lateDuplicateAndForeignRepliesChangeNothing() {
        Run run = new Run().reply(INVENTORY_RESERVED_V1, reserved());
        SagaState before = run.state;
        int events = run.order.uncommitted().size();

        run.reply(INVENTORY_RESERVED_V1, reserved())
                .reply(SHIPMENT_SCHEDULED_V1, new ShipmentScheduled("o-1", "shp-1", null, null, null))
                .reply(PAYMENT_REFUNDED_V1, new PaymentRefunded("o-1", "pay-1", TOTAL));

        assertThat(run.state).isEqualTo(before);
        assertThat(run.order.uncommitted()).hasSize(events);
    }

    @Test
    void aFinishedSagaIgnoresRepliesAndHasNoDeadline() {
        Run run = new Run().reply(INVENTORY_REJECTED_V1, new InventoryRejected("o-1", null, List.of()));

        assertThat(run.state.phase()).isEqualTo(SagaPhase.DONE);
        assertThat(run.state.deadline()).isNull();
        assertThat(SAGA.onReply(run.state, run.order, INVENTORY_RESERVED_V1, reserved(), run.now)).isEmpty();
        assertThat(SAGA.onDeadline(run.state, run.order, run.now.plus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void aStepIsNotDueBeforeItsDeadline() {
        Run run = new Run();
        assertThat(run.state.deadline()).isEqualTo(run.now.plus(TIMEOUT));
        assertThat(SAGA.onDeadline(run.state, run.order, run.now.plus(TIMEOUT).minusMillis(1))).isEmpty();
    }

    @Test
    void theDeclarationListsEveryReplyTypeTheTriggersMustDeliver() {
        assertThat(SAGA.replyTypes()).containsExactlyInAnyOrder(INVENTORY_RESERVED_V1, INVENTORY_REJECTED_V1,
                INVENTORY_RELEASED_V1, PAYMENT_AUTHORIZED_V1, PAYMENT_DECLINED_V1, PAYMENT_REFUNDED_V1,
                SHIPMENT_SCHEDULED_V1, SHIPMENT_FAILED_V1, SHIPMENT_CANCELLED_V1);
        assertThat(SAGA.steps()).extracting(SagaStep::name).containsExactly(OrderSaga.RESERVE_INVENTORY,
                OrderSaga.AUTHORIZE_PAYMENT, OrderSaga.SCHEDULE_SHIPMENT);
    }
}

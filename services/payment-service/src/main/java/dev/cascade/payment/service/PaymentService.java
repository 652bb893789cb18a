package dev.cascade.payment.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.payment.AuthorizePayment;
import dev.cascade.contracts.payment.PaymentAuthorized;
import dev.cascade.contracts.payment.PaymentDeclined;
import dev.cascade.contracts.payment.PaymentRefunded;
import dev.cascade.contracts.payment.RefundPayment;
import dev.cascade.functions.PermanentEventFailure;
import dev.cascade.functions.Reply;
import dev.cascade.payment.domain.PaymentStatus;
import dev.cascade.payment.domain.SimulatedGateway;
import dev.cascade.payment.repository.Payment;
import dev.cascade.payment.repository.PaymentRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Authorizes and refunds order payments. {@link #authorize} and {@link #refund} run inside the transaction the
 * idempotent consumer opened, so what they write commits together with the record of the event.
 */
@ApplicationScoped
public class PaymentService {

    /** The decline reason of an authorize that arrives after its order was refunded or compensated. */
    public static final String ORDER_ALREADY_CANCELLED = "order already cancelled";

    private static final BigDecimal NOTHING = new BigDecimal("0.00");

    private final SimulatedGateway gateway = new SimulatedGateway();

    @Inject
    PaymentRepository payments;

    /**
     * Asks the gateway once per order: a second authorize for the order answers the recorded authorization or
     * decline without charging again, and an authorize after the order was refunded is declined.
     */
    public Uni<Reply> authorize(AuthorizePayment command) {
        // The contract allows at most two fraction digits, so this only writes the scale out ("25" is "25.00").
        BigDecimal amount = command.amount().setScale(2, RoundingMode.UNNECESSARY);
        return payments.findByOrder(command.orderId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(answer(existing, amount));
            }
            Payment payment = new Payment();
            payment.paymentId = "pay-" + UUID.randomUUID();
            payment.orderId = command.orderId();
            payment.customerId = command.customerId();
            payment.method = command.method();
            payment.amount = amount;
            payment.createdAt = Instant.now();
            payment.updatedAt = payment.createdAt;
            if (gateway.authorize(amount, command.token()) instanceof SimulatedGateway.Declined declined) {
                payment.status = PaymentStatus.DECLINED;
                payment.declineReason = declined.reason();
            } else {
                payment.status = PaymentStatus.AUTHORIZED;
            }
            return payments.persist(payment).replaceWith(answer(payment, amount));
        });
    }

    /**
     * Gives back the order's payment, by payment id or, without one, by order. Only an authorized payment has
     * anything to give back: a declined one, or an order without a payment, refunds 0.00 and still answers refunded;
     * without any payment a marker is left so that an authorize arriving later is declined. Refunding twice answers
     * the first refund again. The amount refunded is the amount authorized, whatever the command says.
     */
    public Uni<Reply> refund(RefundPayment command) {
        String orderId = command.orderId();
        return payments.lockByOrder(orderId).chain(existing -> {
            String named = command.paymentId();
            if (named != null && (existing == null || !named.equals(existing.paymentId))) {
                return Uni.createFrom().failure(new PermanentEventFailure(
                        "payment " + named + " is not a payment of order " + orderId));
            }
            if (existing == null) {
                Payment marker = new Payment();
                marker.paymentId = "pay-" + UUID.randomUUID();
                marker.orderId = orderId;
                marker.amount = NOTHING;
                marker.status = PaymentStatus.REFUNDED;
                marker.createdAt = Instant.now();
                marker.updatedAt = marker.createdAt;
                return payments.persist(marker).replaceWith(refunded(marker, NOTHING));
            }
            return Uni.createFrom().item(switch (existing.status) {
                case AUTHORIZED -> {
                    existing.status = PaymentStatus.REFUNDED;
                    existing.updatedAt = Instant.now();
                    yield refunded(existing, existing.amount);
                }
                case REFUNDED -> refunded(existing, existing.amount);
                case DECLINED -> refunded(existing, NOTHING);
            });
        });
    }

    /** The payments of {@code orderId}: none or one. */
    @WithSession
    public Uni<List<Payment>> paymentsOf(String orderId) {
        return payments.listByOrder(orderId);
    }

    private static Reply answer(Payment payment, BigDecimal asked) {
        return switch (payment.status) {
            case AUTHORIZED -> Reply.of(EventTypes.PAYMENT_AUTHORIZED_V1,
                    new PaymentAuthorized(payment.orderId, payment.paymentId, payment.amount));
            case DECLINED -> Reply.of(EventTypes.PAYMENT_DECLINED_V1,
                    new PaymentDeclined(payment.orderId, payment.paymentId, payment.amount, payment.declineReason));
            case REFUNDED -> Reply.of(EventTypes.PAYMENT_DECLINED_V1,
                    new PaymentDeclined(payment.orderId, payment.paymentId, asked, ORDER_ALREADY_CANCELLED));
        };
    }

    private static Reply refunded(Payment payment, BigDecimal amount) {
        return Reply.of(EventTypes.PAYMENT_REFUNDED_V1, new PaymentRefunded(payment.orderId, payment.paymentId, amount));
    }
}

package dev.cascade.payment.function;

import static dev.cascade.testing.CloudEvents.Encoding.BINARY;
import static dev.cascade.testing.CloudEvents.Encoding.STRUCTURED;
import static dev.cascade.testing.CloudEvents.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.payment.AuthorizePayment;
import dev.cascade.contracts.payment.PaymentAuthorized;
import dev.cascade.contracts.payment.PaymentDeclined;
import dev.cascade.contracts.payment.PaymentRefunded;
import dev.cascade.contracts.payment.RefundPayment;
import dev.cascade.payment.function.Payments.View;
import dev.cascade.testing.CloudEvents;
import dev.cascade.testing.CloudEvents.Answer;
import dev.cascade.testing.CloudEvents.Encoding;
import dev.cascade.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class AuthorizeAndRefundTest {

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void anyOtherTokenIsAuthorizedAndRecorded(Encoding encoding) {
        String orderId = order();

        Answer answer = post(encoding, EventTypes.PAYMENT_AUTHORIZE_V1, authorize(orderId, "25", "tok_4f9d2c7a1e"));

        assertThat(answer.type()).isEqualTo(EventTypes.PAYMENT_AUTHORIZED_V1);
        assertThat(answer.source()).isEqualTo(EventSources.PAYMENT_SERVICE);
        assertThat(answer.data().path("amount").asText()).isEqualTo("25.00");
        PaymentAuthorized authorized = as(answer, PaymentAuthorized.class);
        assertThat(authorized.orderId()).isEqualTo(orderId);
        assertThat(authorized.paymentId()).startsWith("pay-");
        assertThat(Payments.of(orderId)).containsExactly(new View(authorized.paymentId(), orderId, "25.00", "AUTHORIZED"));
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void declinedTokenIsDeclinedAndNeverCharged(Encoding encoding) {
        String orderId = order();

        Answer answer = post(encoding, EventTypes.PAYMENT_AUTHORIZE_V1, authorize(orderId, "32.90", "tok_decline"));

        assertThat(answer.type()).isEqualTo(EventTypes.PAYMENT_DECLINED_V1);
        assertThat(answer.source()).isEqualTo(EventSources.PAYMENT_SERVICE);
        PaymentDeclined declined = as(answer, PaymentDeclined.class);
        assertThat(declined.reason()).isEqualTo("card_declined");
        assertThat(declined.amount()).isEqualByComparingTo("32.90");
        assertThat(Payments.of(orderId)).containsExactly(new View(declined.paymentId(), orderId, "32.90", "DECLINED"));
    }

    @Test
    void amountOverTheLimitIsDeclined() {
        String orderId = order();

        Answer answer = post(BINARY, EventTypes.PAYMENT_AUTHORIZE_V1, authorize(orderId, "10000.01", "tok_visa"));

        assertThat(answer.type()).isEqualTo(EventTypes.PAYMENT_DECLINED_V1);
        assertThat(as(answer, PaymentDeclined.class).reason()).isEqualTo("amount_over_limit");
        assertThat(Payments.of(orderId)).extracting(View::status).containsExactly("DECLINED");
    }

    @Test
    void theLargestAmountTheContractAllowsIsDeclinedAndRecorded() {
        String orderId = order();

        Answer answer = post(BINARY, EventTypes.PAYMENT_AUTHORIZE_V1, authorize(orderId, "999999999999.99", "tok_visa"));

        assertThat(as(answer, PaymentDeclined.class).reason()).isEqualTo("amount_over_limit");
        assertThat(Payments.of(orderId)).extracting(View::amount).containsExactly("999999999999.99");
    }

    @Test
    void redeliveredAuthorizeChargesOnceAndAnswersTheSameEvent() {
        String orderId = order();
        String eventId = CloudEvents.newId();

        Answer first = post(BINARY, eventId, EventTypes.PAYMENT_AUTHORIZE_V1, authorize(orderId, "25.00", "tok_visa"));
        Answer again = post(STRUCTURED, eventId, EventTypes.PAYMENT_AUTHORIZE_V1, authorize(orderId, "25.00", "tok_visa"));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.data()).isEqualTo(first.data());
        assertThat(Payments.of(orderId)).hasSize(1);
    }

    @Test
    void secondAuthorizeForTheSameOrderAnswersTheRecordedAuthorization() {
        String orderId = order();

        Answer first = post(BINARY, EventTypes.PAYMENT_AUTHORIZE_V1, authorize(orderId, "25.00", "tok_visa"));
        Answer second = post(BINARY, EventTypes.PAYMENT_AUTHORIZE_V1, authorize(orderId, "99.00", "tok_other"));

        assertThat(second.type()).isEqualTo(EventTypes.PAYMENT_AUTHORIZED_V1);
        assertThat(as(second, PaymentAuthorized.class)).isEqualTo(as(first, PaymentAuthorized.class));
        assertThat(Payments.of(orderId)).extracting(View::amount).containsExactly("25.00");
    }

    @Test
    void secondAuthorizeAfterADeclineAnswersTheSameDeclineEvenWithAnotherToken() {
        String orderId = order();

        Answer first = post(BINARY, EventTypes.PAYMENT_AUTHORIZE_V1, authorize(orderId, "25.00", "tok_decline"));
        Answer second = post(BINARY, EventTypes.PAYMENT_AUTHORIZE_V1, authorize(orderId, "25.00", "tok_visa"));

        assertThat(second.type()).isEqualTo(EventTypes.PAYMENT_DECLINED_V1);
        assertThat(as(second, PaymentDeclined.class)).isEqualTo(as(first, PaymentDeclined.class));
        assertThat(Payments.of(orderId)).extracting(View::status).containsExactly("DECLINED");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void refundGivesBackAnAuthorizedPayment(Encoding encoding) {
        String orderId = order();
        PaymentAuthorized authorized = authorized(orderId, "25.00");

        Answer answer = post(encoding, EventTypes.PAYMENT_REFUND_V1,
                new RefundPayment(orderId, authorized.paymentId(), new BigDecimal("25.00")));

        assertThat(answer.type()).isEqualTo(EventTypes.PAYMENT_REFUNDED_V1);
        assertThat(answer.source()).isEqualTo(EventSources.PAYMENT_SERVICE);
        assertThat(answer.data().path("amount").asText()).isEqualTo("25.00");
        assertThat(as(answer, PaymentRefunded.class).paymentId()).isEqualTo(authorized.paymentId());
        assertThat(Payments.of(orderId)).containsExactly(new View(authorized.paymentId(), orderId, "25.00", "REFUNDED"));
    }

    @Test
    void refundByOrderAloneGivesBackWhatWasAuthorized() {
        String orderId = order();
        PaymentAuthorized authorized = authorized(orderId, "40.00");

        Answer answer = post(STRUCTURED, EventTypes.PAYMENT_REFUND_V1,
                new RefundPayment(orderId, null, new BigDecimal("40.00")));

        assertThat(answer.data().path("paymentId").asText()).isEqualTo(authorized.paymentId());
        assertThat(answer.data().path("amount").asText()).isEqualTo("40.00");
        assertThat(Payments.of(orderId)).extracting(View::status).containsExactly("REFUNDED");
    }

    @Test
    void refundingTwiceAnswersTheSameRefund() {
        String orderId = order();
        PaymentAuthorized authorized = authorized(orderId, "40.00");

        Answer first = post(BINARY, EventTypes.PAYMENT_REFUND_V1, new RefundPayment(orderId, null, new BigDecimal("40.00")));
        Answer second = post(BINARY, EventTypes.PAYMENT_REFUND_V1,
                new RefundPayment(orderId, authorized.paymentId(), new BigDecimal("40.00")));

        assertThat(as(second, PaymentRefunded.class)).isEqualTo(as(first, PaymentRefunded.class));
        assertThat(Payments.of(orderId)).extracting(View::status).containsExactly("REFUNDED");
    }

    @Test
    void redeliveredRefundAnswersTheSameEvent() {
        String orderId = order();
        authorized(orderId, "40.00");
        String eventId = CloudEvents.newId();
        RefundPayment refund = new RefundPayment(orderId, null, new BigDecimal("40.00"));

        Answer first = post(BINARY, eventId, EventTypes.PAYMENT_REFUND_V1, refund);
        Answer again = post(STRUCTURED, eventId, EventTypes.PAYMENT_REFUND_V1, refund);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.data()).isEqualTo(first.data());
    }

    @Test
    void refundOfADeclinedPaymentGivesBackNothing() {
        String orderId = order();
        PaymentDeclined declined = as(post(BINARY, EventTypes.PAYMENT_AUTHORIZE_V1,
                authorize(orderId, "25.00", "tok_decline")), PaymentDeclined.class);

        Answer answer = post(BINARY, EventTypes.PAYMENT_REFUND_V1, new RefundPayment(orderId, null, new BigDecimal("25.00")));

        assertThat(answer.type()).isEqualTo(EventTypes.PAYMENT_REFUNDED_V1);
        assertThat(answer.data().path("paymentId").asText()).isEqualTo(declined.paymentId());
        assertThat(answer.data().path("amount").asText()).isEqualTo("0.00");
        assertThat(Payments.of(orderId)).extracting(View::status).containsExactly("DECLINED");
    }

    @Test
    void refundBeforeAnyAuthorizeLeavesAMarkerAndTheLateAuthorizeIsDeclined() {
        String orderId = order();

        Answer refunded = post(BINARY, EventTypes.PAYMENT_REFUND_V1, new RefundPayment(orderId, null, new BigDecimal("25.00")));
        Answer late = post(BINARY, EventTypes.PAYMENT_AUTHORIZE_V1, authorize(orderId, "25.00", "tok_visa"));

        assertThat(refunded.type()).isEqualTo(EventTypes.PAYMENT_REFUNDED_V1);
        String markerId = refunded.data().path("paymentId").asText();
        assertThat(markerId).startsWith("pay-");
        assertThat(refunded.data().path("amount").asText()).isEqualTo("0.00");
        assertThat(late.type()).isEqualTo(EventTypes.PAYMENT_DECLINED_V1);
        assertThat(as(late, PaymentDeclined.class))
                .isEqualTo(new PaymentDeclined(orderId, markerId, new BigDecimal("25.00"), "order already cancelled"));
        assertThat(Payments.of(orderId)).containsExactly(new View(markerId, orderId, "0.00", "REFUNDED"));
    }

    @Test
    void authorizeAfterTheOrderWasRefundedIsDeclined() {
        String orderId = order();
        authorized(orderId, "25.00");
        post(BINARY, EventTypes.PAYMENT_REFUND_V1, new RefundPayment(orderId, null, new BigDecimal("25.00")));

        Answer late = post(STRUCTURED, EventTypes.PAYMENT_AUTHORIZE_V1, authorize(orderId, "25.00", "tok_visa"));

        assertThat(as(late, PaymentDeclined.class).reason()).isEqualTo("order already cancelled");
        assertThat(Payments.of(orderId)).extracting(View::status).containsExactly("REFUNDED");
    }

    @Test
    void refundNamingAnotherOrdersPaymentIsUnprocessableAndRefundsNothing() {
        PaymentAuthorized other = authorized(order(), "10.00");
        String orderId = order();
        authorized(orderId, "25.00");

        Answer answer = post(BINARY, EventTypes.PAYMENT_REFUND_V1,
                new RefundPayment(orderId, other.paymentId(), new BigDecimal("25.00")));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.data().path("detail").asText()).contains(other.paymentId(), orderId);
        assertThat(Payments.of(orderId)).extracting(View::status).containsExactly("AUTHORIZED");
        assertThat(Payments.of(other.orderId())).extracting(View::status).containsExactly("AUTHORIZED");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void amountThatIsNotADecimalStringIsRefusedWith400(Encoding encoding) {
        String orderId = order();

        Answer answer = post(encoding, EventTypes.PAYMENT_AUTHORIZE_V1, """
                {"orderId":"%s","customerId":"cust-42","amount":"12.345","method":"card","token":"tok_visa"}"""
                .formatted(orderId));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.data().path("violations").findValuesAsText("pointer")).contains("/amount");
        assertThat(Payments.of(orderId)).isEmpty();
    }

    private static PaymentAuthorized authorized(String orderId, String amount) {
        return as(post(BINARY, EventTypes.PAYMENT_AUTHORIZE_V1, authorize(orderId, amount, "tok_visa")),
                PaymentAuthorized.class);
    }

    private static AuthorizePayment authorize(String orderId, String amount, String token) {
        return new AuthorizePayment(orderId, "cust-42", new BigDecimal(amount), "card", token);
    }

    private static String order() {
        return "order-" + CloudEvents.newId();
    }

    private static <T> T as(Answer answer, Class<T> payload) {
        assertThat(answer.status()).as("status of %s", answer.data()).isEqualTo(200);
        try {
            return CloudEvents.JSON.treeToValue(answer.data(), payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(answer.data() + " is not a " + payload.getSimpleName(), e);
        }
    }
}

package dev.cascade.payment.function;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.payment.AuthorizePayment;
import dev.cascade.contracts.payment.RefundPayment;
import dev.cascade.functions.IncomingEvents;
import dev.cascade.functions.ProcessedEvents;
import dev.cascade.payment.service.PaymentService;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventMapping;

/** The payment step of the order saga and its compensation, as the broker delivers them. */
public class PaymentFunctions {

    @Inject
    ProcessedEvents processed;

    @Inject
    PaymentService payments;

    /** Answers {@value EventTypes#PAYMENT_AUTHORIZED_V1} or {@value EventTypes#PAYMENT_DECLINED_V1}. */
    @Funq
    @CloudEventMapping(trigger = EventTypes.PAYMENT_AUTHORIZE_V1)
    public CloudEvent<JsonNode> authorize(AuthorizePayment command, @Context CloudEvent<AuthorizePayment> event) {
        IncomingEvents.requireValid(EventTypes.PAYMENT_AUTHORIZE_V1, command);
        return processed.onceBlocking(event, () -> payments.authorize(command))
                .toCloudEvent(EventSources.PAYMENT_SERVICE);
    }

    /** Answers {@value EventTypes#PAYMENT_REFUNDED_V1}. */
    @Funq
    @CloudEventMapping(trigger = EventTypes.PAYMENT_REFUND_V1)
    public CloudEvent<JsonNode> refund(RefundPayment command, @Context CloudEvent<RefundPayment> event) {
        IncomingEvents.requireValid(EventTypes.PAYMENT_REFUND_V1, command);
        return processed.onceBlocking(event, () -> payments.refund(command))
                .toCloudEvent(EventSources.PAYMENT_SERVICE);
    }
}

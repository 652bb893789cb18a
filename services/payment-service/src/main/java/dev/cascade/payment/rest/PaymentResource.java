package dev.cascade.payment.rest;

import java.math.BigDecimal;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.cascade.functions.Problems;
import dev.cascade.payment.domain.PaymentStatus;
import dev.cascade.payment.repository.Payment;
import dev.cascade.payment.service.PaymentService;
import io.smallrye.mutiny.Uni;

/** Reads the payments of an order. */
@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentResource {

    @Inject
    PaymentService payments;

    /** A payment as the REST API shows it; the amount is a decimal string, as in the events. */
    public record PaymentView(
            String paymentId,
            String orderId,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            PaymentStatus status) {

        static PaymentView of(Payment payment) {
            return new PaymentView(payment.paymentId, payment.orderId, payment.amount, payment.status);
        }
    }

    @GET
    public Uni<Response> byOrder(@QueryParam("orderId") String orderId) {
        if (orderId == null || orderId.isBlank()) {
            return Uni.createFrom().item(Problems.invalidField("orderId", "is required"));
        }
        return payments.paymentsOf(orderId)
                .map(list -> Response.ok(list.stream().map(PaymentView::of).toList()).build());
    }
}

package dev.cascade.shipping.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.cascade.functions.Problems;
import dev.cascade.shipping.domain.ShipmentStatus;
import dev.cascade.shipping.repository.Shipment;
import dev.cascade.shipping.service.ShippingService;
import io.smallrye.mutiny.Uni;

/** Reads the shipments of an order. */
@Path("/shipments")
@Produces(MediaType.APPLICATION_JSON)
public class ShipmentResource {

    @Inject
    ShippingService shipping;

    /** A shipment as the REST API shows it; carrier and tracking number are null until a carrier is booked. */
    public record ShipmentView(String shipmentId, String orderId, String carrier, String trackingNumber,
            ShipmentStatus status) {

        static ShipmentView of(Shipment shipment) {
            return new ShipmentView(shipment.shipmentId, shipment.orderId, shipment.carrier, shipment.trackingNumber,
                    shipment.status);
        }
    }

    @GET
    public Uni<Response> byOrder(@QueryParam("orderId") String orderId) {
        if (orderId == null || orderId.isBlank()) {
            return Uni.createFrom().item(Problems.invalidField("orderId", "is required"));
        }
        return shipping.shipmentsOf(orderId)
                .map(list -> Response.ok(list.stream().map(ShipmentView::of).toList()).build());
    }
}

package dev.cascade.order.rest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.cascade.contracts.CascadeJson;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.EventValidator;
import dev.cascade.contracts.ValidationResult;
import dev.cascade.contracts.order.PlaceOrder;
import dev.cascade.functions.Overloaded;
import dev.cascade.functions.Problems;
import dev.cascade.order.service.OrderCommands;
import dev.cascade.order.service.OrderIdTaken;
import dev.cascade.order.service.OrderService.Placement;
import dev.cascade.order.view.OrderSummary;

/**
 * Places orders and reads the views. A POST is the place-order command of the CloudEvent API with an order id
 * assigned here, checked against the same schema, so both ways in share one rule set.
 */
@Path("/orders")
public class OrderResource {

    private static final ObjectMapper JSON = CascadeJson.newObjectMapper();
    private static final EventValidator VALIDATOR = EventValidator.create();
    private static final int MAX_KEY_LENGTH = 255;

    @Inject
    OrderCommands commands;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response place(String body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return Problems.of(400, "malformed-json", "The body is not JSON", e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            return Problems.of(400, "malformed-json", "The body is not a JSON object", "expected {...}");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
            return Problems.of(400, "invalid-idempotency-key", "The Idempotency-Key header is not valid",
                    "1 to " + MAX_KEY_LENGTH + " characters");
        }
        ObjectNode command = (ObjectNode) json;
        command.put("orderId", orderId(command.path("customerId").asText(""), idempotencyKey));
        ValidationResult result = VALIDATOR.validate(EventTypes.ORDER_PLACE_V1, command);
        if (!result.valid()) {
            return Problems.invalid(422, "invalid-order", "The order is not valid", result.violations());
        }
        Placement placement;
        try {
            placement = commands.place(JSON.treeToValue(command, PlaceOrder.class));
        } catch (JsonProcessingException e) {
            return Problems.of(400, "malformed-json", "The body does not read as an order", e.getOriginalMessage());
        } catch (Overloaded e) {
            return Problems.overloaded(e);
        } catch (OrderIdTaken e) {
            return Problems.of(422, "idempotency-key-reused", "The Idempotency-Key was used for another order",
                    e.getMessage());
        }
        return Response.accepted(Map.of("orderId", placement.orderId()))
                .location(URI.create("/orders/" + placement.orderId()))
                .build();
    }

    @GET
    @Path("/{orderId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response summary(@PathParam("orderId") String orderId) {
        OrderSummary summary = commands.summary(orderId);
        if (summary == null) {
            return Problems.of(404, "order-not-found", "No such order", "order " + orderId + " is unknown");
        }
        return Response.ok(summary).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response history(@QueryParam("customerId") String customerId) {
        if (customerId == null || customerId.isBlank()) {
            return Problems.of(400, "customer-required", "customerId is required", "GET /orders?customerId=...");
        }
        List<OrderSummary> orders = commands.history(customerId);
        return Response.ok(orders).build();
    }

    /**
     * Without a key, a fresh id. With one, the same id for the same customer and key, so a retried POST finds the
     * order its first attempt placed (and a different body under the same key is refused).
     */
    static String orderId(String customerId, String idempotencyKey) {
        if (idempotencyKey == null) {
            return "ord-" + UUID.randomUUID();
        }
        return "ord-" + UUID.nameUUIDFromBytes((customerId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
    }
}

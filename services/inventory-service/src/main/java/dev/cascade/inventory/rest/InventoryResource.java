package dev.cascade.inventory.rest;

import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.functions.Problems;
import dev.cascade.inventory.repository.StockItem;
import dev.cascade.inventory.service.InventoryService;
import io.smallrye.mutiny.Uni;

/** Reads and sets the stock of a SKU: how operators and the demo fill the shelves. */
@Path("/inventory")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {

    /** The contract's SKU pattern: a SKU that events could never name is refused here too. */
    private static final Pattern SKU = Pattern.compile("^[A-Z0-9][A-Z0-9-]{1,31}$");

    @Inject
    InventoryService inventory;

    @Inject
    ObjectMapper json;

    /** One SKU's stock. */
    public record StockView(String sku, int available, int reserved) {

        static StockView of(StockItem item) {
            return new StockView(item.sku, item.available, item.reserved);
        }
    }

    @GET
    @Path("/{sku}")
    public Uni<Response> get(@PathParam("sku") String sku) {
        return inventory.stockOf(sku).map(item -> item == null
                ? Problems.notFound("no stock is kept for SKU " + sku)
                : Response.ok(StockView.of(item)).build());
    }

    /** Creates the SKU or sets its available units, from {@code {"available": N}}. */
    @PUT
    @Path("/{sku}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> put(@PathParam("sku") String sku, String body) {
        if (!SKU.matcher(sku).matches()) {
            return Uni.createFrom().item(Problems.invalidField("sku", "must match " + SKU.pattern()));
        }
        JsonNode available = availableOf(body);
        if (available == null || !available.isIntegralNumber() || !available.canConvertToInt() || available.intValue() < 0) {
            return Uni.createFrom().item(Problems.invalidField("available", "must be an integer from 0 to 2147483647"));
        }
        return inventory.setAvailable(sku, available.intValue()).map(item -> Response.ok(StockView.of(item)).build());
    }

    private JsonNode availableOf(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body).get("available");
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}

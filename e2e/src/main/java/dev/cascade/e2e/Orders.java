package dev.cascade.e2e;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.cascade.contracts.CascadeJson;

/** Order requests as a storefront sends them to {@code POST /orders}. */
public final class Orders {

    private static final ObjectMapper JSON = CascadeJson.newObjectMapper();

    /** A test card that the payment service always authorizes. */
    public static final String GOOD_CARD = "tok_visa";
    /** The payment service's always-declined test card. */
    public static final String DECLINED_CARD = "tok_decline";
    /** The country the simulated carrier does not serve. */
    public static final String UNSERVED_COUNTRY = "XX";

    private Orders() {
    }

    /** One line of {@code quantity} × {@code sku} at {@code unitPrice}, paid with {@code token}, shipped to {@code country}. */
    public static ObjectNode order(String customerId, String sku, int quantity, String unitPrice, String token,
            String country) {
        ObjectNode order = JSON.createObjectNode().put("customerId", customerId);
        order.putArray("items").addObject()
                .put("sku", sku)
                .put("quantity", quantity)
                .put("unitPrice", new BigDecimal(unitPrice).toPlainString());
        order.putObject("payment").put("method", "card").put("token", token);
        order.putObject("shippingAddress")
                .put("name", "Ada Lovelace")
                .put("line1", "12 Analytical Row")
                .put("city", "London")
                .put("postalCode", "N1 9GU")
                .put("country", country);
        return order;
    }

    /** The same order as the data of a {@code dev.cascade.order.place.v1} command with a client-chosen id. */
    public static ObjectNode placeCommand(String orderId, ObjectNode order) {
        ObjectNode command = JSON.createObjectNode().put("orderId", orderId);
        command.setAll(order);
        return command;
    }
}

package dev.cascade.order.domain;

import java.math.BigDecimal;
import java.util.List;

import dev.cascade.contracts.common.Address;
import dev.cascade.contracts.common.LineItem;
import dev.cascade.contracts.order.PaymentDetails;
import dev.cascade.contracts.order.PlaceOrder;

/** Place-order commands for the plain tests. */
public final class Orders {

    private Orders() {
    }

    public static PlaceOrder command(String orderId) {
        return new PlaceOrder(orderId, "cust-42",
                List.of(new LineItem("MUG-BLUE", 2, new BigDecimal("12.50")),
                        new LineItem("TEA-EARLGREY-250", 1, new BigDecimal("7.90"))),
                new PaymentDetails("card", "tok_4f9d2c7a1e"),
                new Address("Ada Lovelace", "12 Harbour Street", "Hamburg", "20457", "DE"));
    }
}

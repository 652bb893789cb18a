package dev.cascade.order.service;

/** A place-order command names an order id that exists already with different contents. */
public class OrderIdTaken extends RuntimeException {

    public OrderIdTaken(String orderId) {
        super("order " + orderId + " exists already with other contents");
    }
}

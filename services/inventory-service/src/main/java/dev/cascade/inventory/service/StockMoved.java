package dev.cascade.inventory.service;

/**
 * A reserve decided on the stock as last committed found, when it came to move the units, that another
 * reservation had taken them in between. Its transaction rolls back; the order is decided again under the
 * stock rows' locks ({@link InventoryService#reserveUnderLock}). Never leaves the service.
 */
public final class StockMoved extends RuntimeException {

    public StockMoved(String orderId) {
        super("the stock of order " + orderId + " was taken by another reservation after it was read",
                null, false, false);
    }
}

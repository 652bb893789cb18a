package dev.cascade.inventory.domain;

/**
 * The two counts of one SKU. A reservation moves units from available to reserved and a release moves them back, so
 * their sum only changes when someone sets the available stock.
 */
public record StockLevel(int available, int reserved) {

    public StockLevel {
        if (available < 0 || reserved < 0) {
            throw new IllegalArgumentException("stock cannot be negative: available " + available
                    + ", reserved " + reserved);
        }
    }

    /**
     * Holds {@code quantity} units.
     *
     * @throws IllegalStateException if fewer than {@code quantity} units are available
     */
    public StockLevel reserve(int quantity) {
        requirePositive(quantity);
        if (quantity > available) {
            throw new IllegalStateException("cannot reserve " + quantity + " of " + available + " available");
        }
        return new StockLevel(available - quantity, Math.addExact(reserved, quantity));
    }

    /**
     * Gives back {@code quantity} held units.
     *
     * @throws IllegalStateException if fewer than {@code quantity} units are reserved
     */
    public StockLevel release(int quantity) {
        requirePositive(quantity);
        if (quantity > reserved) {
            throw new IllegalStateException("cannot release " + quantity + " of " + reserved + " reserved");
        }
        return new StockLevel(Math.addExact(available, quantity), reserved - quantity);
    }

    private static void requirePositive(int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
    }
}

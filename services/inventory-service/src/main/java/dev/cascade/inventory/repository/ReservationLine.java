package dev.cascade.inventory.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One SKU of a reservation. */
@Embeddable
public class ReservationLine {

    public String sku;

    public int quantity;

    /** For a rejected order, what was on hand when this line fell short; null if it did not. */
    @Column(name = "short_of_available")
    public Integer shortOfAvailable;

    public ReservationLine() {
    }

    public ReservationLine(String sku, int quantity, Integer shortOfAvailable) {
        this.sku = sku;
        this.quantity = quantity;
        this.shortOfAvailable = shortOfAvailable;
    }
}

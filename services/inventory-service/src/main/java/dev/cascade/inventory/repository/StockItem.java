package dev.cascade.inventory.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

import dev.cascade.inventory.domain.StockLevel;

/**
 * The stock of one SKU. Public fields, as Panache has them: extending {@link PanacheEntityBase} makes Quarkus turn
 * every access into a generated accessor, so Hibernate sees each write (the queries live in {@link StockRepository}).
 */
@Entity
@Table(name = "stock")
public class StockItem extends PanacheEntityBase {

    @Id
    public String sku;

    public int available;

    public int reserved;

    public StockLevel level() {
        return new StockLevel(available, reserved);
    }

    public void setLevel(StockLevel level) {
        available = level.available();
        reserved = level.reserved();
    }
}

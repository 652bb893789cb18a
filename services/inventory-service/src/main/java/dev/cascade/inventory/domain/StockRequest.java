package dev.cascade.inventory.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import dev.cascade.contracts.common.StockLine;

/**
 * What one order asks of the stock: a quantity per SKU. Lines naming the same SKU are added up, because an order
 * may list one SKU twice (two lines at different prices) while a reservation holds each SKU once.
 */
public final class StockRequest {

    /** The most a reply may carry for one SKU: the contract's bound on a quantity. */
    public static final int MAX_QUANTITY_PER_SKU = 10_000;

    private final Map<String, Integer> quantities;

    private StockRequest(Map<String, Integer> quantities) {
        this.quantities = Collections.unmodifiableMap(quantities);
    }

    /**
     * The request of {@code lines}, in the order each SKU first appears.
     *
     * @throws IllegalArgumentException if there are no lines, or the lines of one SKU add up to more than
     *                                  {@value #MAX_QUANTITY_PER_SKU}, which no reply could carry
     */
    public static StockRequest of(List<StockLine> lines) {
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("an order must ask for at least one line");
        }
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (StockLine line : lines) {
            int total = quantities.merge(line.sku(), line.quantity(), Integer::sum);
            if (total > MAX_QUANTITY_PER_SKU) {
                throw new IllegalArgumentException("the lines of " + line.sku() + " add up to more than "
                        + MAX_QUANTITY_PER_SKU + " units");
            }
        }
        return new StockRequest(quantities);
    }

    /** The quantity asked for each SKU, in the order each SKU first appears. */
    public Map<String, Integer> quantities() {
        return quantities;
    }

    /** One line per SKU, in the order each SKU first appears. */
    public List<StockLine> lines() {
        List<StockLine> lines = new ArrayList<>(quantities.size());
        quantities.forEach((sku, quantity) -> lines.add(new StockLine(sku, quantity)));
        return List.copyOf(lines);
    }

    /** The SKUs in the one order every transaction locks them in, so that two reservations cannot deadlock. */
    public SortedSet<String> skusInLockOrder() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(quantities.keySet()));
    }
}

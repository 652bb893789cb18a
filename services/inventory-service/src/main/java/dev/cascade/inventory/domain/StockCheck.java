package dev.cascade.inventory.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cascade.contracts.inventory.StockShortage;

/** The all-or-nothing rule of a reservation: every line must be covered by available stock, or none is held. */
public final class StockCheck {

    /** The reason of a reserve that arrives after its order was released: nothing may be held for it any more. */
    public static final String ORDER_ALREADY_RELEASED = "order already released";

    private StockCheck() {
    }

    /** What the stock says to a request. */
    public sealed interface Decision permits Reservable, Short {
    }

    /** Every line is covered: the request may be reserved as a whole. */
    public record Reservable() implements Decision {
    }

    /** At least one line is not covered; nothing is reserved. */
    public record Short(String reason, List<StockShortage> shortages) implements Decision {

        public Short {
            shortages = List.copyOf(shortages);
        }
    }

    /**
     * Checks {@code request} against the stock on hand.
     *
     * @param onHand available units per SKU; a SKU that is missing is unknown, which counts as none available
     */
    public static Decision check(StockRequest request, Map<String, Integer> onHand) {
        List<StockShortage> shortages = new ArrayList<>();
        request.quantities().forEach((sku, requested) -> {
            int available = onHand.getOrDefault(sku, 0);
            if (available < requested) {
                shortages.add(new StockShortage(sku, requested, available));
            }
        });
        if (shortages.isEmpty()) {
            return new Reservable();
        }
        int lines = request.quantities().size();
        return new Short("Not enough stock for %d of %d line%s".formatted(shortages.size(), lines, lines == 1 ? "" : "s"),
                shortages);
    }

    /**
     * The refusal of a reserve for an order that was already released. The contract's rejection needs at least one
     * shortage, and for such an order none of its stock can be held any more: every line is short, with 0 available.
     */
    public static Short refusedAfterRelease(StockRequest request) {
        List<StockShortage> shortages = new ArrayList<>();
        request.quantities().forEach((sku, requested) -> shortages.add(new StockShortage(sku, requested, 0)));
        return new Short(ORDER_ALREADY_RELEASED, shortages);
    }
}

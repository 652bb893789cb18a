package dev.cascade.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.common.StockLine;
import dev.cascade.contracts.inventory.StockShortage;

class StockCheckTest {

    private static final StockRequest MUGS_AND_TEA = StockRequest.of(List.of(
            new StockLine("MUG-BLUE", 2), new StockLine("TEA-EARLGREY-250", 3)));

    @Test
    void exactlyEnoughStockIsReservable() {
        assertThat(StockCheck.check(MUGS_AND_TEA, Map.of("MUG-BLUE", 2, "TEA-EARLGREY-250", 3)))
                .isInstanceOf(StockCheck.Reservable.class);
    }

    @Test
    void oneShortLineMakesTheWholeRequestShortAndNamesOnlyThatLine() {
        StockCheck.Decision decision = StockCheck.check(MUGS_AND_TEA, Map.of("MUG-BLUE", 10, "TEA-EARLGREY-250", 2));

        assertThat(decision).isEqualTo(new StockCheck.Short("Not enough stock for 1 of 2 lines",
                List.of(new StockShortage("TEA-EARLGREY-250", 3, 2))));
    }

    @Test
    void anUnknownSkuIsShortWithNothingAvailable() {
        StockCheck.Decision decision = StockCheck.check(MUGS_AND_TEA, Map.of("MUG-BLUE", 10));

        assertThat(((StockCheck.Short) decision).shortages()).containsExactly(new StockShortage("TEA-EARLGREY-250", 3, 0));
    }

    @Test
    void aSingleLineReasonIsSingular() {
        StockRequest one = StockRequest.of(List.of(new StockLine("SKU-SOLD-OUT", 1)));

        assertThat(((StockCheck.Short) StockCheck.check(one, Map.of("SKU-SOLD-OUT", 0))).reason())
                .isEqualTo("Not enough stock for 1 of 1 line");
    }

    @Test
    void aReleasedOrderIsRefusedWithEveryLineShortOfEverything() {
        assertThat(StockCheck.refusedAfterRelease(MUGS_AND_TEA)).isEqualTo(new StockCheck.Short("order already released",
                List.of(new StockShortage("MUG-BLUE", 2, 0), new StockShortage("TEA-EARLGREY-250", 3, 0))));
    }
}

package dev.cascade.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StockLevelTest {

    @Test
    void reservingMovesUnitsFromAvailableToReserved() {
        assertThat(new StockLevel(10, 1).reserve(4)).isEqualTo(new StockLevel(6, 5));
    }

    @Test
    void releasingMovesUnitsBack() {
        assertThat(new StockLevel(6, 5).release(4)).isEqualTo(new StockLevel(10, 1));
    }

    @Test
    void moreThanIsAvailableCannotBeReserved() {
        assertThatThrownBy(() -> new StockLevel(3, 0).reserve(4)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void moreThanIsReservedCannotBeReleased() {
        assertThatThrownBy(() -> new StockLevel(3, 2).release(3)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void countsNeverGoNegative() {
        assertThatThrownBy(() -> new StockLevel(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StockLevel(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quantitiesArePositive() {
        assertThatThrownBy(() -> new StockLevel(3, 0).reserve(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

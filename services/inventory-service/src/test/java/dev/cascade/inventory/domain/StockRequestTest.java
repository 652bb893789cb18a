package dev.cascade.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.common.StockLine;

class StockRequestTest {

    @Test
    void linesOfOneSkuAddUpInTheOrderTheSkuFirstAppears() {
        StockRequest request = StockRequest.of(List.of(
                new StockLine("MUG-BLUE", 2), new StockLine("TEA-EARLGREY-250", 1), new StockLine("MUG-BLUE", 3)));

        assertThat(request.lines()).containsExactly(new StockLine("MUG-BLUE", 5), new StockLine("TEA-EARLGREY-250", 1));
    }

    @Test
    void skusAreLockedInAlphabeticalOrderWhateverTheOrderOfTheLines() {
        StockRequest request = StockRequest.of(List.of(
                new StockLine("SKU-MOKA-POT", 1), new StockLine("MUG-BLUE", 1), new StockLine("SKU-BEANS-1KG", 1)));

        assertThat(request.skusInLockOrder()).containsExactly("MUG-BLUE", "SKU-BEANS-1KG", "SKU-MOKA-POT");
    }

    @Test
    void aSkuAddingUpBeyondTheContractsBoundCannotBeRequested() {
        assertThatThrownBy(() -> StockRequest.of(List.of(new StockLine("MUG-BLUE", 6000), new StockLine("MUG-BLUE", 4001))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MUG-BLUE");
    }

    @Test
    void exactlyTheBoundCanBeRequested() {
        assertThat(StockRequest.of(List.of(new StockLine("MUG-BLUE", 6000), new StockLine("MUG-BLUE", 4000))).lines())
                .containsExactly(new StockLine("MUG-BLUE", 10_000));
    }

    @Test
    void anOrderWithoutLinesCannotBeRequested() {
        assertThatThrownBy(() -> StockRequest.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}

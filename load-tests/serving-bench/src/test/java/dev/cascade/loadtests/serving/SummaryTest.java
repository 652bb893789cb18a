package dev.cascade.loadtests.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(Summary.of(900, 700, 1_200, 800, 750)).isEqualTo(new Summary(5, 800, 700, 1_200));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Summary.of(4, 1, 3, 2)).isEqualTo(new Summary(4, 2.5, 1, 4));
    }

    @Test
    void missingValuesAreLeftOut() {
        assertThat(Summary.of(Double.NaN, 5, 7)).isEqualTo(new Summary(2, 6, 5, 7));
        assertThat(Summary.of().count()).isZero();
        assertThat(Summary.of().median()).isNaN();
    }
}

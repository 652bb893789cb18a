package dev.cascade.contracts.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.EventTypes;

class EventLogTest {

    @Test
    void hostileValuesStayOnOneShortLine() {
        assertThat(EventLog.oneLine("a\nb\r\"c\"\u0000d\u2028e\te\u0085")).isEqualTo("a b \"c\" d e e ");
        String huge = "x".repeat(10_000);
        assertThat(EventLog.oneLine(huge)).hasSize(EventLog.MAX_LENGTH + 1).endsWith("…");
        assertThat(EventLog.oneLine(null)).isEqualTo("-");
        assertThat(EventLog.oneLine("")).isEqualTo("-");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String value = "y".repeat(EventLog.MAX_LENGTH - 1) + emoji;
        assertThat(EventLog.oneLine(value)).isEqualTo("y".repeat(EventLog.MAX_LENGTH - 1) + "…");
    }

    @Test
    void theMessageNamesTypeIdStatusAndTime() {
        assertThat(EventLog.message(EventTypes.ORDER_PLACE_V1, "id-1", 204, 3))
                .isEqualTo("handled " + EventTypes.ORDER_PLACE_V1 + " id-1 -> 204 in 3 ms");
        assertThat(EventLog.message(null, "id\n2", 0, 12)).isEqualTo("handled - id 2 -> no answer in 12 ms");
    }
}

package dev.cascade.telemetry.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class RejectionIdsTest {

    @Test
    void aRedeliveredRecordIsRejectedUnderTheSameIdAndEveryOtherRecordUnderItsOwn() {
        String id = RejectedReadings.eventIdFor("raw", 0, 41);

        assertThat(RejectedReadings.eventIdFor("raw", 0, 41)).isEqualTo(id);
        assertThat(UUID.fromString(id).version()).isEqualTo(3);
        assertThat(RejectedReadings.eventIdFor("raw", 0, 42)).isNotEqualTo(id);
        assertThat(RejectedReadings.eventIdFor("raw", 1, 41)).isNotEqualTo(id);
        assertThat(RejectedReadings.eventIdFor("raw2", 0, 41)).isNotEqualTo(id);
        // topic and partition cannot run into each other
        assertThat(RejectedReadings.eventIdFor("raw1", 1, 1)).isNotEqualTo(RejectedReadings.eventIdFor("raw", 11, 1));
    }
}

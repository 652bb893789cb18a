package dev.cascade.shipping.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.common.Address;
import dev.cascade.shipping.domain.SimulatedCarrier.Booked;
import dev.cascade.shipping.domain.SimulatedCarrier.Refused;

class SimulatedCarrierTest {

    private static final UUID REFERENCE = UUID.fromString("1f0c9a2b-7d3e-4c5f-8a6b-9c0d1e2f3a4b");
    private static final LocalDate SATURDAY = LocalDate.of(2026, 3, 14);

    private final SimulatedCarrier carrier = new SimulatedCarrier();

    @Test
    void anyServedCountryIsBookedForDeliveryThreeDaysLater() {
        assertThat(carrier.book(REFERENCE, to("DE"), SATURDAY))
                .isEqualTo(new Booked("Cascade Parcel", "CP1F0C9A2B7D3E", LocalDate.of(2026, 3, 17)));
    }

    @Test
    void theEstimateCountsCalendarDaysAcrossMonths() {
        assertThat(((Booked) carrier.book(REFERENCE, to("FR"), LocalDate.of(2026, 2, 27))).estimatedDelivery())
                .isEqualTo(LocalDate.of(2026, 3, 2));
    }

    @Test
    void theTrackingNumberFitsTheContractsPattern() {
        for (int i = 0; i < 100; i++) {
            assertThat(((Booked) carrier.book(UUID.randomUUID(), to("AT"), SATURDAY)).trackingNumber())
                    .matches("^[A-Za-z0-9-]{4,40}$");
        }
    }

    @Test
    void countryXxIsNeverServed() {
        assertThat(carrier.book(REFERENCE, to("XX"), SATURDAY)).isEqualTo(new Refused("carrier does not serve XX"));
    }

    private static Address to(String country) {
        return new Address("Ada Lovelace", "12 Harbour Street", "Hamburg", "20457", country);
    }
}

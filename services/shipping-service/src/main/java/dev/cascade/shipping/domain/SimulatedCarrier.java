package dev.cascade.shipping.domain;

import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import dev.cascade.contracts.common.Address;

/**
 * The carrier, simulated with fixed rules so that every outcome of the saga can be provoked on purpose:
 * <ol>
 * <li>the destination country {@value #UNSERVED_COUNTRY} is never served: "carrier does not serve XX";</li>
 * <li>anything else is booked with {@value #NAME}, delivery estimated {@value #DAYS_TO_DELIVER} calendar days after
 * the day of booking, and a tracking number made of {@value #TRACKING_PREFIX} and the first twelve hex digits of the
 * booking reference, upper case.</li>
 * </ol>
 */
public final class SimulatedCarrier {

    public static final String NAME = "Cascade Parcel";
    public static final String UNSERVED_COUNTRY = "XX";
    public static final int DAYS_TO_DELIVER = 3;
    public static final String TRACKING_PREFIX = "CP";

    /** What the carrier says to a booking. */
    public sealed interface Booking permits Booked, Refused {
    }

    public record Booked(String carrier, String trackingNumber, LocalDate estimatedDelivery) implements Booking {
    }

    /** @param reason text fit to show the customer */
    public record Refused(String reason) implements Booking {
    }

    /**
     * Books a parcel to {@code destination} on {@code today}.
     *
     * @param reference the booking reference, from which the tracking number is made
     */
    public Booking book(UUID reference, Address destination, LocalDate today) {
        if (UNSERVED_COUNTRY.equals(destination.country())) {
            return new Refused("carrier does not serve " + UNSERVED_COUNTRY);
        }
        String digits = reference.toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
        return new Booked(NAME, TRACKING_PREFIX + digits, today.plusDays(DAYS_TO_DELIVER));
    }
}

package dev.cascade.order.saga;

import java.util.LinkedHashMap;
import java.util.Map;

/** The names under which the saga keeps what participants answered, and a null-tolerant map of them. */
public final class SagaIds {

    public static final String RESERVATION_ID = "reservationId";
    public static final String PAYMENT_ID = "paymentId";
    public static final String SHIPMENT_ID = "shipmentId";
    public static final String TRACKING_NUMBER = "trackingNumber";

    private SagaIds() {
    }

    /** {@code key1 → value1, key2 → value2, ...}, leaving out absent values (a shipment without tracking number). */
    public static Map<String, String> of(String... keysAndValues) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                ids.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return ids;
    }
}

package dev.cascade.contracts;

import java.util.List;

/**
 * The name of every Cascade service: its Kubernetes/Knative service name, the producer and consumer
 * names in {@link EventCatalog}, and the last segment of its {@link EventSources source URI}.
 */
public final class Services {

    public static final String ORDER_SERVICE = "order-service";
    public static final String INVENTORY_SERVICE = "inventory-service";
    public static final String PAYMENT_SERVICE = "payment-service";
    public static final String SHIPPING_SERVICE = "shipping-service";
    public static final String NOTIFICATION_SERVICE = "notification-service";
    public static final String DEAD_LETTER_SERVICE = "dead-letter-service";
    public static final String TELEMETRY_SERVICE = "telemetry-service";
    public static final String ANOMALY_DETECTOR = "anomaly-detector";

    private static final List<String> ALL = List.of(
            ORDER_SERVICE, INVENTORY_SERVICE, PAYMENT_SERVICE, SHIPPING_SERVICE,
            NOTIFICATION_SERVICE, DEAD_LETTER_SERVICE, TELEMETRY_SERVICE, ANOMALY_DETECTOR);

    private Services() {
    }

    /** Every service name, in a stable order. */
    public static List<String> all() {
        return ALL;
    }

    public static boolean isService(String name) {
        return ALL.contains(name);
    }
}

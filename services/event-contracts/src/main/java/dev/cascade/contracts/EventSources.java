package dev.cascade.contracts;

/**
 * The CloudEvents {@code source} of everything that emits Cascade events: {@code urn:cascade:<name>}.
 * Services set these explicitly on every event they emit; consumers may check them.
 */
public final class EventSources {

    public static final String PREFIX = "urn:cascade:";

    public static final String ORDER_SERVICE = PREFIX + Services.ORDER_SERVICE;
    public static final String INVENTORY_SERVICE = PREFIX + Services.INVENTORY_SERVICE;
    public static final String PAYMENT_SERVICE = PREFIX + Services.PAYMENT_SERVICE;
    public static final String SHIPPING_SERVICE = PREFIX + Services.SHIPPING_SERVICE;
    public static final String NOTIFICATION_SERVICE = PREFIX + Services.NOTIFICATION_SERVICE;
    public static final String DEAD_LETTER_SERVICE = PREFIX + Services.DEAD_LETTER_SERVICE;
    public static final String TELEMETRY_SERVICE = PREFIX + Services.TELEMETRY_SERVICE;
    public static final String ANOMALY_DETECTOR = PREFIX + Services.ANOMALY_DETECTOR;

    /** The demo web shop that sends {@link EventTypes#ORDER_PLACE_V1} commands. Not a Cascade service. */
    public static final String STOREFRONT = PREFIX + "storefront";
    /** The load tool that plays sensors and writes readings to Kafka. Not a Cascade service. */
    public static final String DEVICE_SIMULATOR = PREFIX + "device-simulator";

    private EventSources() {
    }

    /**
     * The source URI of a service.
     *
     * @throws IllegalArgumentException if {@code serviceName} is not one of {@link Services#all()}
     */
    public static String of(String serviceName) {
        if (!Services.isService(serviceName)) {
            throw new IllegalArgumentException("Not a Cascade service: " + serviceName);
        }
        return PREFIX + serviceName;
    }

    /** Whether {@code source} is the source URI of one of Cascade's own services. */
    public static boolean isServiceSource(String source) {
        return source != null
                && source.startsWith(PREFIX)
                && Services.isService(source.substring(PREFIX.length()));
    }
}

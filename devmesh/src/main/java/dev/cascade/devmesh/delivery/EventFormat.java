package dev.cascade.devmesh.delivery;

/**
 * {@code spec.delivery.format}: the CloudEvents HTTP content mode used towards the subscriber. Binary ({@code ce-*}
 * headers) is what both brokers use unless an MT trigger asks for {@code json} (structured mode).
 */
public enum EventFormat {

    BINARY("binary"),
    JSON("json");

    private final String specValue;

    EventFormat(String specValue) {
        this.specValue = specValue;
    }

    /** The value as written in a DeliverySpec. */
    public String specValue() {
        return specValue;
    }

    /**
     * The format a DeliverySpec names; exact, case-sensitive match as in the Knative webhook.
     *
     * @return the format, or {@code null} for {@code null}
     * @throws IllegalArgumentException for any other value
     */
    public static EventFormat fromSpec(String value) {
        if (value == null) {
            return null;
        }
        for (EventFormat format : values()) {
            if (format.specValue.equals(value)) {
                return format;
            }
        }
        throw new IllegalArgumentException("invalid format \"" + value + "\"; expected json or binary");
    }
}

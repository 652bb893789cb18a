package dev.cascade.devmesh.delivery;

/** {@code spec.delivery.backoffPolicy}: how the wait grows from one retry to the next (see {@link Backoff}). */
public enum BackoffPolicy {

    LINEAR("linear"),
    EXPONENTIAL("exponential");

    private final String specValue;

    BackoffPolicy(String specValue) {
        this.specValue = specValue;
    }

    /** The value as written in a DeliverySpec. */
    public String specValue() {
        return specValue;
    }

    /**
     * The policy a DeliverySpec names. Matching is exact and case-sensitive, as in the Knative webhook
     * ({@code Linear} is rejected there).
     *
     * @return the policy, or {@code null} for {@code null}
     * @throws IllegalArgumentException for any other value
     */
    public static BackoffPolicy fromSpec(String value) {
        if (value == null) {
            return null;
        }
        for (BackoffPolicy policy : values()) {
            if (policy.specValue.equals(value)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("invalid backoffPolicy \"" + value + "\"; expected linear or exponential");
    }
}

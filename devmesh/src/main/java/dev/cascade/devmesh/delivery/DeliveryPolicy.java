package dev.cascade.devmesh.delivery;

import io.fabric8.knative.duck.v1.Destination;
import java.time.Duration;
import java.util.Objects;

/**
 * The delivery settings one trigger's deliveries actually run with, after the broker class's defaulting and
 * trigger/broker merging ({@link DeliveryPolicies#effective}). Timings are computed by {@link Backoff}.
 *
 * @param retry          number of retries after the first attempt (never negative)
 * @param backoffPolicy  nullable; MT waits 0 between retries unless both policy and delay are set
 * @param backoffDelay   nullable; the base delay of the policy
 * @param timeout        nullable = no per-attempt timeout (MT); KB policies always carry one
 * @param retryAfterMax  nullable = Retry-After ignored; {@code PT0S} also disables it (MT only)
 * @param deadLetterSink nullable, unresolved (a ref still has to be resolved to a URL by the caller)
 * @param format         content mode towards the subscriber
 */
public record DeliveryPolicy(
        int retry,
        BackoffPolicy backoffPolicy,
        Duration backoffDelay,
        Duration timeout,
        Duration retryAfterMax,
        Destination deadLetterSink,
        EventFormat format) {

    public DeliveryPolicy {
        if (retry < 0) {
            throw new IllegalArgumentException("retry must be >= 0, was " + retry);
        }
        Objects.requireNonNull(format, "format");
    }

    /**
     * Number of sends to the subscriber before giving up: the first attempt plus {@link #retry()} retries
     * (saturating at {@link Integer#MAX_VALUE} rather than overflowing for {@code retry = 2^31-1}).
     */
    public int attempts() {
        return retry == Integer.MAX_VALUE ? Integer.MAX_VALUE : retry + 1;
    }
}

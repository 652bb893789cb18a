package dev.cascade.devmesh.delivery;

import dev.cascade.devmesh.BrokerClass;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The wait before retry {@code k} of a delivery (shared/knative-broker-semantics.md §3.4).
 *
 * <table>
 *   <caption>wait before retry k = 1..retry, for base delay d</caption>
 *   <tr><th></th><th>MT</th><th>KB</th></tr>
 *   <tr><td>exponential</td><td>d·2<sup>k−1</sup>: d, 2d, 4d…</td><td>d·2<sup>k</sup>: 2d, 4d, 8d…</td></tr>
 *   <tr><td>linear</td><td>d·(k−1): 0, d, 2d…</td><td>d·k: d, 2d, 3d…</td></tr>
 *   <tr><td>policy or delay null</td><td>0</td><td>exponential, d = 1000 ms</td></tr>
 * </table>
 * MT's offset comes from go-retryablehttp calling the backoff with the zero-based index of the attempt that just
 * failed; KB's {@code WebClientCloudEventSender} passes the one-based retry number. A zero or negative delay waits 0
 * (MT sleeps on a negative timer, which fires at once; KB only schedules a backoff for a positive delay).
 *
 * <p><b>Overflow.</b> Neither broker caps the wait, and for large {@code k} both overflow (Go's
 * {@code time.Duration} and KB's {@code long} millis wrap around). devmesh instead saturates at {@link #MAX_WAIT},
 * {@code 2^63−1} ns (about 292 years): the largest wait Go's {@code time.Duration} can hold. Below it every result is
 * exact; a retry that far out is never reached in practice, and a saturated value still sorts after every real one.
 */
public final class Backoff {

    /** The longest wait devmesh computes: Go's maximum {@code time.Duration}. */
    public static final Duration MAX_WAIT = Duration.ofNanos(Long.MAX_VALUE);

    private Backoff() {
    }

    /**
     * The wait before retry {@code retryNumber}, from the policy alone.
     *
     * @param retryNumber 1 for the first retry (the second attempt), up to {@code p.retry()}
     * @throws IllegalArgumentException if {@code retryNumber} is not in 1..{@code p.retry()}
     */
    public static Duration beforeRetry(int retryNumber, DeliveryPolicy p, BrokerClass cls) {
        Objects.requireNonNull(p, "policy");
        Objects.requireNonNull(cls, "broker class");
        if (retryNumber < 1 || retryNumber > p.retry()) {
            throw new IllegalArgumentException(
                    "retry number must be in 1.." + p.retry() + " for this policy, was " + retryNumber);
        }
        return switch (cls) {
            case MT_CHANNEL_BASED -> {
                if (p.backoffPolicy() == null || p.backoffDelay() == null) {
                    yield Duration.ZERO;
                }
                yield scaled(p.backoffDelay(), p.backoffPolicy(), retryNumber - 1);
            }
            case KAFKA -> scaled(
                    p.backoffDelay() == null ? DeliveryPolicies.KAFKA_DEFAULT_BACKOFF_DELAY : p.backoffDelay(),
                    p.backoffPolicy() == null ? BackoffPolicy.EXPONENTIAL : p.backoffPolicy(),
                    retryNumber);
        };
    }

    /**
     * The wait before retry {@code retryNumber}, given the failed attempt's response.
     *
     * <p>MT honours {@code Retry-After} only when {@code p.retryAfterMax()} is set (the alpha feature
     * {@code delivery-retryafter}) and the status was 429 or 503. The wait is then
     * {@code max(backoff, min(Retry-After, retryAfterMax))}, so {@code retryAfterMax: PT0S} switches it off and a
     * date in the past changes nothing. Delta-seconds and HTTP-dates are read as described in
     * {@link RetryAfterHeader}; an unreadable header counts as absent. KB ignores Retry-After.
     *
     * @param lastStatus             the failed attempt's HTTP status; 0 or negative when there was no response
     * @param retryAfterHeaderOrNull the response's first {@code Retry-After} value
     * @param now                    the clock reading an HTTP-date is measured from
     */
    public static Duration beforeRetry(int retryNumber, DeliveryPolicy p, BrokerClass cls, int lastStatus,
            String retryAfterHeaderOrNull, Instant now) {
        Duration backoff = beforeRetry(retryNumber, p, cls);
        if (cls != BrokerClass.MT_CHANNEL_BASED || p.retryAfterMax() == null
                || (lastStatus != 429 && lastStatus != 503)) {
            return backoff;
        }
        Objects.requireNonNull(now, "now");
        Duration retryAfter = RetryAfterHeader.parse(retryAfterHeaderOrNull, now);
        if (retryAfter.compareTo(p.retryAfterMax()) > 0) {
            retryAfter = p.retryAfterMax();
        }
        Duration wait = retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    /** delay·2^n (exponential) or delay·n (linear), in nanoseconds, saturating at {@link #MAX_WAIT}. */
    private static Duration scaled(Duration delay, BackoffPolicy policy, int n) {
        long delayNanos = IsoDurations.saturatedNanos(delay);
        if (delayNanos <= 0) {
            return Duration.ZERO;
        }
        long nanos = switch (policy) {
            case LINEAR -> saturatedMultiply(delayNanos, n);
            case EXPONENTIAL -> n >= Long.SIZE - 1 ? Long.MAX_VALUE : saturatedMultiply(delayNanos, 1L << n);
        };
        return Duration.ofNanos(nanos);
    }

    private static long saturatedMultiply(long positive, long factor) {
        long high = Math.multiplyHigh(positive, factor);
        long low = positive * factor;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }
}

package dev.cascade.devmesh.delivery;

/**
 * What a delivery attempt's result means (shared/knative-broker-semantics.md §3.3). Both broker classes use the same
 * table: MT {@code ev:pkg/kncloudevents/retries.go} SelectiveRetry, KB {@code WebClientCloudEventSender}
 * isRetryableStatusCode, and the {@code specs:data-plane.md} retry table.
 */
public final class RetryDecision {

    public enum Outcome {
        /** Delivered. */
        SUCCESS,
        /** Failed; retry if retries are left, else dead-letter. */
        RETRY,
        /** Failed permanently; dead-letter now without retrying. */
        FAIL
    }

    private RetryDecision() {
    }

    /**
     * The outcome of an attempt that got an HTTP response.
     * <ul>
     *   <li>2xx: success.</li>
     *   <li>5xx (and anything above, as upstream tests {@code >= 500}), 404, 408, 409, 429: retry.</li>
     *   <li>1xx, 3xx and every other 4xx: failed, no retry. Redirects are not followed.</li>
     * </ul>
     *
     * @throws IllegalArgumentException for a number that is not an HTTP status (outside 100..999); use
     *                                  {@link #ofTransportError()} when there is no response
     */
    public static Outcome ofStatus(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("not an HTTP status code: " + status);
        }
        if (status >= 200 && status < 300) {
            return Outcome.SUCCESS;
        }
        if (status >= 500 || status == 404 || status == 408 || status == 409 || status == 429) {
            return Outcome.RETRY;
        }
        return Outcome.FAIL;
    }

    /**
     * The outcome of an attempt without a response: connection refused or reset, DNS failure, or the per-attempt
     * {@code delivery.timeout} expiring. Always retried.
     */
    public static Outcome ofTransportError() {
        return Outcome.RETRY;
    }
}

package dev.cascade.devmesh.broker;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context position (spec §5.2): Knative's data plane extracts the incoming {@code traceparent}
 * and injects a fresh one on every hop, keeping the trace id and changing the parent id per span. devmesh
 * does the same per delivery attempt, so one trace spans producer → broker → function → reply → broker.
 */
public record TraceContext(String traceId, String spanId, String flags, String traceState) {

    private static final Pattern TRACEPARENT =
            Pattern.compile("^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$");
    private static final String INVALID_TRACE_ID = "0".repeat(32);
    private static final String INVALID_SPAN_ID = "0".repeat(16);

    /** Continues the caller's trace, or starts a new sampled one when the header is absent or invalid. */
    public static TraceContext fromHeaders(String traceparent, String tracestate) {
        if (traceparent != null) {
            var match = TRACEPARENT.matcher(traceparent.trim());
            if (match.matches() && !"ff".equals(match.group(1)) && !INVALID_TRACE_ID.equals(match.group(2))
                    && !INVALID_SPAN_ID.equals(match.group(3))) {
                return new TraceContext(match.group(2), match.group(3), match.group(4), tracestate);
            }
        }
        return new TraceContext(randomHex(16), randomHex(8), "01", null);
    }

    /** A child span of this one: same trace, new span id. */
    public TraceContext child() {
        return new TraceContext(traceId, randomHex(8), flags, traceState);
    }

    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}

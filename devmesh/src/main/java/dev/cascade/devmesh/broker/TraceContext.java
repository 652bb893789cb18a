package dev.cascade.devmesh.broker;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.cloudevents.CloudEvent;

/**
 * A W3C Trace Context position (spec §5.2): Knative's data plane extracts the incoming {@code traceparent}
 * and injects a fresh one on every hop, keeping the trace id and changing the parent id per span. devmesh
 * does the same per delivery attempt, so one trace spans producer → broker → function → reply → broker.
 * Without tracing this record is also the (unrecorded) span of a hop: {@link BrokerTracing#NONE} hands these
 * out and ends nothing.
 */
public record TraceContext(String traceId, String spanId, String flags, String traceState) implements HopSpan {

    /** The CloudEvents distributed-tracing extension: the same two values as event attributes. */
    static final String TRACEPARENT_EXTENSION = "traceparent";
    static final String TRACESTATE_EXTENSION = "tracestate";

    private static final Pattern TRACEPARENT =
            Pattern.compile("^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$");
    private static final String INVALID_TRACE_ID = "0".repeat(32);
    private static final String INVALID_SPAN_ID = "0".repeat(16);

    /** Continues the caller's trace, or starts a new sampled one when the header is absent or invalid. */
    public static TraceContext fromHeaders(String traceparent, String tracestate) {
        TraceContext parsed = parse(traceparent, tracestate);
        return parsed != null ? parsed : newRoot();
    }

    /** The position a {@code traceparent} names, or null when it is absent or invalid. */
    public static TraceContext parse(String traceparent, String tracestate) {
        if (traceparent == null) {
            return null;
        }
        var match = TRACEPARENT.matcher(traceparent.trim());
        if (match.matches() && !"ff".equals(match.group(1)) && !INVALID_TRACE_ID.equals(match.group(2))
                && !INVALID_SPAN_ID.equals(match.group(3))) {
            return new TraceContext(match.group(2), match.group(3), match.group(4), tracestate);
        }
        return null;
    }

    /**
     * Where an event arriving at the ingress continues: its HTTP {@code traceparent}, else its
     * distributed-tracing extension ({@code ce-traceparent} in binary mode), else nowhere (null: a new trace).
     */
    public static TraceContext incoming(String traceparentHeader, String tracestateHeader, CloudEvent event) {
        TraceContext header = parse(traceparentHeader, tracestateHeader);
        return header != null ? header : ofExtension(event);
    }

    /**
     * The parent of a reply's ingress: the span of the function that made it when the reply says so (its own
     * distributed-tracing extension, in the delivery's trace, and not merely copied from the delivered event),
     * else the delivery that brought it back.
     */
    public static TraceContext replyParent(TraceContext delivery, CloudEvent reply, CloudEvent delivered) {
        TraceContext own = ofExtension(reply);
        if (own == null || !own.traceId.equals(delivery.traceId)) {
            return delivery;
        }
        TraceContext copied = ofExtension(delivered);
        return copied != null && copied.spanId.equals(own.spanId) ? delivery : own;
    }

    private static TraceContext ofExtension(CloudEvent event) {
        Object traceparent = event.getExtension(TRACEPARENT_EXTENSION);
        if (traceparent == null) {
            return null;
        }
        Object tracestate = event.getExtension(TRACESTATE_EXTENSION);
        return parse(traceparent.toString(), tracestate == null ? null : tracestate.toString());
    }

    /** A new sampled trace. */
    public static TraceContext newRoot() {
        return new TraceContext(randomHex(16), randomHex(8), "01", null);
    }

    /** A child span of this one: same trace, new span id. */
    public TraceContext child() {
        return new TraceContext(traceId, randomHex(8), flags, traceState);
    }

    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    @Override
    public TraceContext context() {
        return this;
    }

    @Override
    public void end(int status, String error) {
        // not recorded
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}

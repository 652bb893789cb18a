package dev.cascade.functions;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.cascade.contracts.KnativeExtensions;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * A W3C trace context in its text form, as it travels: the {@code traceparent} and {@code tracestate} HTTP headers,
 * and the CloudEvents Distributed Tracing extension attributes of the same names ({@code ce-traceparent} and
 * {@code ce-tracestate} in binary mode). Stored with an event that is published later, it lets the trace go on from
 * the work that decided the event.
 *
 * @param traceparent {@code null} when there is no trace
 * @param tracestate  {@code null} when there is none
 */
public record TraceHeaders(String traceparent, String tracestate) {

    public static final TraceHeaders NONE = new TraceHeaders(null, null);

    private static final TextMapGetter<TraceHeaders> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TraceHeaders carrier) {
            return java.util.List.of(KnativeExtensions.TRACEPARENT, KnativeExtensions.TRACESTATE);
        }

        @Override
        public String get(TraceHeaders carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return switch (key) {
                case KnativeExtensions.TRACEPARENT -> carrier.traceparent;
                case KnativeExtensions.TRACESTATE -> carrier.tracestate;
                default -> null;
            };
        }
    };

    /** The trace context of the work under way ({@link Tracing#current()}), or {@link #NONE}. */
    public static TraceHeaders current() {
        return of(Tracing.current());
    }

    /** The trace context of {@code context}'s span, or {@link #NONE} when it has no valid one. */
    public static TraceHeaders of(Context context) {
        Map<String, String> carrier = new HashMap<>(4);
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        String traceparent = carrier.get(KnativeExtensions.TRACEPARENT);
        return traceparent == null ? NONE : new TraceHeaders(traceparent, carrier.get(KnativeExtensions.TRACESTATE));
    }

    public boolean isPresent() {
        return traceparent != null;
    }

    /** As CloudEvents extensions: {@code traceparent}, and {@code tracestate} when there is one; empty for none. */
    public Map<String, String> extensions() {
        Map<String, String> extensions = new LinkedHashMap<>(4);
        if (traceparent != null) {
            extensions.put(KnativeExtensions.TRACEPARENT, traceparent);
            if (tracestate != null && !tracestate.isEmpty()) {
                extensions.put(KnativeExtensions.TRACESTATE, tracestate);
            }
        }
        return extensions;
    }

    /** The OpenTelemetry context whose (remote) parent span these headers name; the root context for none. */
    public Context asParent() {
        return isPresent()
                ? W3CTraceContextPropagator.getInstance().extract(Context.root(), this, GETTER)
                : Context.root();
    }
}

package dev.cascade.functions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.inject.Singleton;

import dev.cascade.contracts.KnativeExtensions;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.quarkus.opentelemetry.runtime.propagation.TextMapPropagatorCustomizer;

/**
 * Lets a server span join the trace that a CloudEvent names in its Distributed Tracing extension when the request
 * has no {@code traceparent} header: a binary-mode event carries it as {@code ce-traceparent} (and
 * {@code ce-tracestate}), which Quarkus's W3C propagator does not read. A producer that sets only the extension, or
 * a hop that kept the event's attributes but not its HTTP headers, would otherwise start a new trace here.
 * <p>
 * Wraps the {@code tracecontext} propagator of every service: extraction reads the HTTP headers first and falls back
 * to the extension headers; injection is unchanged (the extension is the emitter's business: {@link Reply}, the
 * outbox relay). Structured-mode events carry the extension inside the body, which a propagator cannot see before the
 * server span starts; there the HTTP header is what joins the trace.
 */
@Singleton
public class CloudEventsTraceContext implements TextMapPropagatorCustomizer {

    static final String CE_TRACEPARENT = "ce-" + KnativeExtensions.TRACEPARENT;
    static final String CE_TRACESTATE = "ce-" + KnativeExtensions.TRACESTATE;

    @Override
    public TextMapPropagator customize(TextMapPropagatorCustomizer.Context context) {
        TextMapPropagator propagator = context.propagator();
        return propagator instanceof W3CTraceContextPropagator w3c ? new WithExtension(w3c) : propagator;
    }

    /** W3C trace context from {@code traceparent}, else from {@code ce-traceparent}. */
    static final class WithExtension implements TextMapPropagator {

        private final W3CTraceContextPropagator w3c;
        private final List<String> fields;

        WithExtension(W3CTraceContextPropagator w3c) {
            this.w3c = w3c;
            List<String> all = new ArrayList<>(w3c.fields());
            all.add(CE_TRACEPARENT);
            all.add(CE_TRACESTATE);
            this.fields = List.copyOf(all);
        }

        @Override
        public Collection<String> fields() {
            return fields;
        }

        @Override
        public <C> void inject(io.opentelemetry.context.Context context, C carrier, TextMapSetter<C> setter) {
            w3c.inject(context, carrier, setter);
        }

        @Override
        public <C> io.opentelemetry.context.Context extract(io.opentelemetry.context.Context context, C carrier,
                TextMapGetter<C> getter) {
            io.opentelemetry.context.Context extracted = w3c.extract(context, carrier, getter);
            if (carrier == null || Span.fromContext(extracted).getSpanContext().isValid()
                    || getter.get(carrier, CE_TRACEPARENT) == null) {
                return extracted;
            }
            return w3c.extract(context, carrier, new TextMapGetter<C>() {
                @Override
                public Iterable<String> keys(C c) {
                    return getter.keys(c);
                }

                @Override
                public String get(C c, String key) {
                    if (KnativeExtensions.TRACEPARENT.equals(key)) {
                        return getter.get(c, CE_TRACEPARENT);
                    }
                    if (KnativeExtensions.TRACESTATE.equals(key)) {
                        return getter.get(c, CE_TRACESTATE);
                    }
                    return getter.get(c, key);
                }
            });
        }
    }
}

package dev.cascade.telemetry.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * One span per batch of raw readings, the unit the service stores and commits: the Kafka hop's consumer span. A batch
 * mixes readings of many producers, so, as OpenTelemetry's messaging conventions have it for batches, the span links
 * to every reading's trace context; its parent is the first of them, so a producer that traces its readings sees the
 * pipeline continue its trace. The windows the batch closes carry the span's context on to the broker
 * ({@link #current}).
 */
@ApplicationScoped
public class BatchTracing {

    /** At most this many links per batch span: a batch is up to 500 readings. */
    static final int MAX_LINKS = 128;

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    @Inject
    Tracer tracer;

    /** Starts the span of a batch whose readings carried {@code traceparents} (nulls and invalid ones skipped). */
    public Span start(String topic, int records, List<String> traceparents) {
        Map<String, SpanContext> contexts = new LinkedHashMap<>();
        for (String traceparent : traceparents) {
            if (traceparent == null || contexts.size() >= MAX_LINKS) {
                continue;
            }
            SpanContext context = Span.fromContext(W3CTraceContextPropagator.getInstance()
                    .extract(Context.root(), traceparent, TRACEPARENT)).getSpanContext();
            if (context.isValid()) {
                contexts.putIfAbsent(context.getTraceId() + context.getSpanId(), context);
            }
        }
        SpanBuilder span = tracer.spanBuilder(topic + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(AttributeKey.stringKey("messaging.system"), "kafka")
                .setAttribute(AttributeKey.stringKey("messaging.destination.name"), topic)
                .setAttribute(AttributeKey.longKey("messaging.batch.message_count"), (long) records);
        if (contexts.isEmpty()) {
            span.setNoParent();
        } else {
            span.setParent(Context.root().with(Span.wrap(contexts.values().iterator().next())));
            contexts.values().forEach(span::addLink);
        }
        return span.startSpan();
    }

    /** The W3C {@code traceparent} of the current span, or {@code null} when there is none to carry. */
    public static String current() {
        SpanContext context = Span.current().getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }
}

package dev.cascade.devmesh.tracing;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import java.net.URI;

import dev.cascade.devmesh.BrokerClass;
import dev.cascade.devmesh.broker.BrokerTracing;
import dev.cascade.devmesh.broker.HopSpan;
import dev.cascade.devmesh.broker.TraceContext;
import dev.cascade.devmesh.broker.TriggerRuntime;
import io.cloudevents.CloudEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * One OpenTelemetry span per hop, parented explicitly on the {@link TraceContext} the hop continues (never on the
 * thread's current context, which devmesh does not use), and the span's own ids handed on as the next hop's
 * {@code traceparent}. Attribute names follow the OpenTelemetry semantic conventions where one exists
 * ({@code cloudevents.*}, {@code url.full}, {@code http.*}, {@code error.type}), else {@code devmesh.*}.
 */
public final class OtelBrokerTracing implements BrokerTracing {

    static final AttributeKey<String> BROKER = stringKey("devmesh.broker");
    static final AttributeKey<String> BROKER_CLASS = stringKey("devmesh.broker.class");
    static final AttributeKey<String> TRIGGER = stringKey("devmesh.trigger");
    static final AttributeKey<String> REPLY_OF = stringKey("devmesh.reply.trigger");
    static final AttributeKey<Long> ATTEMPT = longKey("devmesh.delivery.attempt");
    static final AttributeKey<String> EVENT_ID = stringKey("cloudevents.event_id");
    static final AttributeKey<String> EVENT_TYPE = stringKey("cloudevents.event_type");
    static final AttributeKey<String> EVENT_SOURCE = stringKey("cloudevents.event_source");
    static final AttributeKey<String> EVENT_SPEC_VERSION = stringKey("cloudevents.event_spec_version");
    static final AttributeKey<String> EVENT_SUBJECT = stringKey("cloudevents.event_subject");
    static final AttributeKey<String> URL = stringKey("url.full");
    static final AttributeKey<String> METHOD = stringKey("http.request.method");
    static final AttributeKey<Long> STATUS = longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");

    private final Tracer tracer;

    public OtelBrokerTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public HopSpan ingress(TraceContext parent, String broker, BrokerClass brokerClass, CloudEvent event,
            String replyOf) {
        SpanBuilder builder = tracer.spanBuilder("broker ingress " + broker)
                // A reply is put back by devmesh itself, not posted to the ingress.
                .setSpanKind(replyOf == null ? SpanKind.SERVER : SpanKind.PRODUCER)
                .setAttribute(BROKER, broker)
                .setAttribute(BROKER_CLASS, brokerClass.annotationValue())
                .setAttribute(EVENT_ID, event.getId())
                .setAttribute(EVENT_TYPE, event.getType())
                .setAttribute(EVENT_SOURCE, event.getSource().toString())
                .setAttribute(EVENT_SPEC_VERSION, event.getSpecVersion().toString());
        if (event.getSubject() != null) {
            builder.setAttribute(EVENT_SUBJECT, event.getSubject());
        }
        if (replyOf != null) {
            builder.setAttribute(REPLY_OF, replyOf);
        }
        return start(builder, parent, replyOf == null);
    }

    @Override
    public HopSpan delivery(TraceContext parent, String broker, TriggerRuntime trigger, CloudEvent event, URI target,
            int attempt, boolean deadLetterSink) {
        String name = trigger.qualifiedName();
        SpanBuilder builder = tracer.spanBuilder((deadLetterSink ? "dead-letter " : "deliver ") + name)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(BROKER, broker)
                .setAttribute(TRIGGER, name)
                .setAttribute(EVENT_ID, event.getId())
                .setAttribute(EVENT_TYPE, event.getType())
                .setAttribute(URL, target.toString())
                .setAttribute(METHOD, "POST")
                .setAttribute(ATTEMPT, (long) attempt);
        return start(builder, parent, false);
    }

    private static HopSpan start(SpanBuilder builder, TraceContext parent, boolean server) {
        if (parent == null) {
            builder.setNoParent();
        } else {
            // The trace state stays the producer's text: devmesh adds no entry of its own.
            builder.setParent(Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(parent.traceId(),
                    parent.spanId(), TraceFlags.fromHex(parent.flags(), 0), TraceState.getDefault()))));
        }
        Span span = builder.startSpan();
        SpanContext started = span.getSpanContext();
        return new Hop(span, new TraceContext(started.getTraceId(), started.getSpanId(),
                started.getTraceFlags().asHex(), parent == null ? null : parent.traceState()), server);
    }

    /**
     * A started span. A server span (the ingress answering a producer) failed when it answered 5xx, as HTTP server
     * spans do; a client or producer span failed on anything but a 2xx, on no response, or when told why.
     */
    private record Hop(Span span, TraceContext context, boolean server) implements HopSpan {

        @Override
        public void end(int status, String error) {
            if (status >= 0) {
                span.setAttribute(STATUS, (long) status);
            }
            boolean success = status >= 200 && status < 300;
            boolean failed = server ? status < 0 || status >= 500 : status < 0 || !success || error != null;
            if (failed) {
                span.setAttribute(ERROR_TYPE, status < 0 ? "no_response" : success ? "invalid_reply"
                        : String.valueOf(status));
                span.setStatus(StatusCode.ERROR, error != null ? error
                        : status < 0 ? "no response" : "HTTP " + status);
            }
            span.end();
        }
    }
}

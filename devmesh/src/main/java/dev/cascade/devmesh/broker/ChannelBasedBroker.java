package dev.cascade.devmesh.broker;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.cascade.devmesh.BrokerClass;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;

/**
 * MTChannelBasedBroker behaviour (spec §0.1, §1.4–§1.6, §6): in memory, like the InMemoryChannel, and
 * synchronous — the producer's 202 comes after every matching Trigger has its event delivered or
 * dead-lettered, and a 500 says at least one Trigger lost it. Replies come back through this ingress with
 * the TTL the broker-filter re-attached, so a reply loop ends after {@value #MAX_TTL} hops.
 */
final class ChannelBasedBroker implements BrokerRuntime {

    static final int MAX_TTL = 255;
    static final String ARRIVAL_TIME = "knativearrivaltime";

    private final String namespace;
    private final String name;
    private final String qualifiedName;
    private final URI ingressUrl;
    private final TriggerDispatcher dispatcher;
    private final BrokerTracing tracing;
    private volatile List<TriggerRuntime> triggers = List.of();
    private volatile boolean closed;

    ChannelBasedBroker(String namespace, String name, URI ingressUrl, TriggerDispatcher dispatcher,
            BrokerTracing tracing) {
        this.namespace = namespace;
        this.name = name;
        this.qualifiedName = namespace + "/" + name;
        this.ingressUrl = ingressUrl;
        this.dispatcher = dispatcher;
        this.tracing = tracing;
    }

    @Override
    public Future<IngressResult> ingest(CloudEvent event, MultiMap passThroughHeaders, TraceContext parent) {
        return admit(event, passThroughHeaders, parent, null);
    }

    /** An event from the ingress, or ({@code replyOf} set) a reply that broker-filter posts back to it. */
    private Future<IngressResult> admit(CloudEvent event, MultiMap passThroughHeaders, TraceContext parent,
            String replyOf) {
        HopSpan span = tracing.ingress(parent, qualifiedName, BrokerClass.MT_CHANNEL_BASED, event, replyOf);
        return fanOut(event, passThroughHeaders, span.context())
                .onComplete(answered -> IngressResult.end(span, answered));
    }

    private Future<IngressResult> fanOut(CloudEvent event, MultiMap passThroughHeaders, TraceContext trace) {
        if (closed) {
            return Future.succeededFuture(new IngressResult(404, "broker " + qualifiedName + " not found"));
        }
        int ttl = nextTtl(event.getExtension(TriggerDispatcher.TTL));
        if (ttl <= 0) {
            return Future.succeededFuture(new IngressResult(400, "event dropped: " + TriggerDispatcher.TTL
                    + " exhausted (loop protection)"));
        }
        CloudEvent admitted = CloudEventBuilder.from(event)
                .withExtension(TriggerDispatcher.TTL, String.valueOf(ttl))
                .withExtension(ARRIVAL_TIME, GoTime.rfc3339Nano(Instant.now()))
                .build();
        List<TriggerRuntime> current = triggers;
        List<Future<TriggerDispatcher.Outcome>> fanout = new ArrayList<>(current.size());
        for (TriggerRuntime trigger : current) {
            if (trigger.ready()) {
                fanout.add(dispatcher.deliver(new TriggerDispatcher.Delivery(BrokerClass.MT_CHANNEL_BASED,
                        qualifiedName, trigger, admitted, passThroughHeaders, trace,
                        (reply, headers, replyParent) -> admit(reply, headers, replyParent, trigger.qualifiedName())
                                .map(IngressResult::status),
                        ingressUrl)));
            }
        }
        if (fanout.isEmpty()) {
            return Future.succeededFuture(IngressResult.accepted());
        }
        return Future.join(fanout).transform(ignored -> {
            for (Future<TriggerDispatcher.Outcome> outcome : fanout) {
                if (outcome.failed() || outcome.result().failed()) {
                    return Future.succeededFuture(new IngressResult(500,
                            "at least one trigger could not deliver the event and has no working dead-letter sink"));
                }
            }
            return Future.succeededFuture(IngressResult.accepted());
        });
    }

    /** The TTL defaulter of broker-ingress (spec §1.6). */
    static int nextTtl(Object current) {
        if (current == null) {
            return MAX_TTL;
        }
        try {
            return Math.max(Integer.parseInt(current.toString().trim()) - 1, 0);
        } catch (NumberFormatException e) {
            return MAX_TTL;
        }
    }

    @Override
    public void updateTriggers(List<TriggerRuntime> triggers) {
        this.triggers = List.copyOf(triggers);
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BrokerClass brokerClass() {
        return BrokerClass.MT_CHANNEL_BASED;
    }

    @Override
    public URI ingressUrl() {
        return ingressUrl;
    }
}

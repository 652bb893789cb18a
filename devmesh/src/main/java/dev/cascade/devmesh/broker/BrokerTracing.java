package dev.cascade.devmesh.broker;

import java.net.URI;

import dev.cascade.devmesh.BrokerClass;
import io.cloudevents.CloudEvent;

/**
 * The spans of the broker's hops. {@link #NONE}, without {@code devmesh.otlp.endpoint}, records nothing and costs
 * what continuing the W3C trace context costs anyway; the OpenTelemetry one ({@code dev.cascade.devmesh.tracing})
 * records and exports every span, and the ids it sends on are those of the exported spans.
 */
public interface BrokerTracing {

    /** Continues the trace context from hop to hop, as Knative does, and records no span. */
    BrokerTracing NONE = new BrokerTracing() {

        @Override
        public HopSpan ingress(TraceContext parent, String broker, BrokerClass brokerClass, CloudEvent event,
                String replyOf) {
            return parent != null ? parent : TraceContext.newRoot();
        }

        @Override
        public HopSpan delivery(TraceContext parent, String broker, TriggerRuntime trigger, CloudEvent event,
                URI target, int attempt, boolean deadLetterSink) {
            return parent.child();
        }
    };

    /**
     * An event entering {@code broker}: posted to its ingress, or a subscriber's reply that devmesh puts back.
     *
     * @param parent  the producer's position, or null to start a new trace
     * @param replyOf the Trigger (namespace/name) whose subscriber replied with {@code event}; null for the ingress
     */
    HopSpan ingress(TraceContext parent, String broker, BrokerClass brokerClass, CloudEvent event, String replyOf);

    /** One attempt to deliver {@code event} of {@code trigger} to {@code target}, subscriber or dead-letter sink. */
    HopSpan delivery(TraceContext parent, String broker, TriggerRuntime trigger, CloudEvent event, URI target,
            int attempt, boolean deadLetterSink);
}

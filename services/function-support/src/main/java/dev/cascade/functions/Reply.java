package dev.cascade.functions;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.contracts.CascadeJson;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;

/**
 * What a function answers to one event: a CloudEvent of a contract type, or nothing. A reply keeps its id, so a
 * redelivered event is answered with the very same event and downstream consumers see a duplicate they already
 * know, not a new event.
 *
 * @param id   the reply event's id, {@code null} for no reply
 * @param type the reply event's type, one of {@code EventTypes}; {@code null} for no reply
 * @param data the reply event's data
 */
public record Reply(String id, String type, JsonNode data) {

    private static final ObjectMapper JSON = CascadeJson.newObjectMapper();
    private static final Reply NONE = new Reply(null, null, null);

    /** A new reply of {@code type} carrying {@code payload} (a contract record), with a fresh id. */
    public static Reply of(String type, Object payload) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        return new Reply(UUID.randomUUID().toString(), type, JSON.valueToTree(payload));
    }

    /** No reply event: the function answers 204. */
    public static Reply none() {
        return NONE;
    }

    public boolean isNone() {
        return type == null;
    }

    /** The payload as the record it was made from. */
    public <T> T dataAs(Class<T> payloadClass) {
        try {
            return JSON.treeToValue(data, payloadClass);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("reply " + id + " is not a " + payloadClass.getSimpleName(), e);
        }
    }

    /**
     * The reply as Funqy's output event from {@code source}, or {@code null} (answered 204) for no reply. It carries
     * the trace context of the function's span as the CloudEvents Distributed Tracing extension ({@code traceparent},
     * {@code tracestate}; {@code ce-*} headers in binary mode), so the broker's next hop joins the same trace.
     */
    public CloudEvent<JsonNode> toCloudEvent(String source) {
        if (isNone()) {
            return null;
        }
        return CloudEventBuilder.create().id(id).type(type).source(source)
                .extensions(TraceHeaders.current().extensions())
                .build(data);
    }
}

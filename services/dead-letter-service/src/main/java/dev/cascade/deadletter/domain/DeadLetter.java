package dev.cascade.deadletter.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.KnativeExtensions;
import dev.cascade.contracts.deadletter.DeadLetterRecorded;
import dev.cascade.deadletter.cloudevents.CloudEventHttp;
import io.cloudevents.CloudEvent;

/**
 * An event Knative could not deliver, as the sink stores it: every attribute and extension as text (the form they
 * travel in), Knative's error extensions picked out, and the data as the exact bytes received.
 *
 * @param attributes  the context attributes, {@code specversion} included, in the order the SDK lists them
 * @param extensions  every extension, Knative's {@code knativeerror*} included
 * @param errorDest   {@code knativeerrordest}, {@code null} when Knative set none (the MT broker sets none when
 *                    its filter failed, for example on an invalid reply)
 * @param errorCode   {@code knativeerrorcode} as sent, a decimal string
 * @param errorData   {@code knativeerrordata} as sent: base64 of the start of the last response body
 * @param data        {@code null} for an event without data
 */
public record DeadLetter(
        String id,
        String eventId,
        String source,
        String type,
        Map<String, String> attributes,
        Map<String, String> extensions,
        String errorDest,
        String errorCode,
        String errorData,
        byte[] data,
        String dataContentType,
        Instant receivedAt) {

    public DeadLetter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** The dead letter of {@code event}, received at {@code receivedAt}, stored under {@code id}. */
    public static DeadLetter of(String id, CloudEvent event, Instant receivedAt) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String name : event.getAttributeNames()) {
            Object value = event.getAttribute(name);
            if (value != null) {
                attributes.put(name, storable(CloudEventHttp.render(value)));
            }
        }
        Map<String, String> extensions = new LinkedHashMap<>();
        for (String name : event.getExtensionNames()) {
            Object value = event.getExtension(name);
            if (value != null) {
                extensions.put(name, storable(CloudEventHttp.render(value)));
            }
        }
        byte[] data = event.getData() == null ? null : event.getData().toBytes();
        return new DeadLetter(id, attributes.get("id"), attributes.get("source"), attributes.get("type"), attributes,
                extensions, blankToNull(extensions.get(KnativeExtensions.ERROR_DEST)),
                blankToNull(extensions.get(KnativeExtensions.ERROR_CODE)),
                extensions.get(KnativeExtensions.ERROR_DATA), data, attributes.get("datacontenttype"), receivedAt);
    }

    /**
     * {@code text} as PostgreSQL can store it: its text and jsonb types cannot hold U+0000, and a sink that fails on
     * a NUL in a subject would make the broker retry it forever. CloudEvents forbids control characters in strings
     * anyway; the character stands in for what could not be kept.
     */
    static String storable(String text) {
        return text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    /** {@code knativeerrorcode} as an HTTP status, or {@code null} if absent or not one. */
    public Integer errorStatus() {
        return KnativeError.status(errorCode);
    }

    /** What {@code deadletter.recorded} says about this dead letter. */
    public DeadLetterRecorded recorded() {
        return new DeadLetterRecorded(id, eventId, source, type, errorStatus(), errorDest, receivedAt);
    }

    /**
     * Whether this dead letter is itself an announcement of a dead letter. Announcing it again would close a loop:
     * if the announcement cannot be delivered, it comes back here, is announced, cannot be delivered...
     */
    public boolean isAnnouncement() {
        return EventTypes.DEADLETTER_RECORDED_V1.equals(type);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

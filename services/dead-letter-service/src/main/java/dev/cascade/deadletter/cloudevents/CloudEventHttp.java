package dev.cascade.deadletter.cloudevents;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

import io.cloudevents.CloudEvent;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * CloudEvents over HTTP, both ways. Reading is the SDK's (structured {@code application/cloudevents+json} or
 * binary {@code ce-*} headers, decided the way Knative's brokers decide), after percent-decoding the headers;
 * writing is binary mode with percent-encoded headers, which the SDK's Vert.x writer does not do.
 */
public final class CloudEventHttp {

    private static final String CE_PREFIX = "ce-";

    private CloudEventHttp() {
    }

    /** The request is not a CloudEvent in either mode, or an invalid one (unknown version, no id...). */
    public static final class NotACloudEvent extends RuntimeException {

        NotACloudEvent(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The CloudEvent a request carries.
     *
     * @throws NotACloudEvent if it carries none, or an invalid one
     */
    public static CloudEvent read(MultiMap headers, byte[] body) {
        MultiMap decoded = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : headers) {
            boolean attribute = header.getKey().toLowerCase(Locale.ROOT).startsWith(CE_PREFIX);
            decoded.add(header.getKey(), attribute ? PercentEncoding.decode(header.getValue()) : header.getValue());
        }
        CloudEvent event;
        try {
            event = VertxMessageFactory.createReader(decoded, Buffer.buffer(body)).toEvent();
        } catch (RuntimeException e) {
            // Decoding is pure: whatever the SDK throws here is about the request, never about this service.
            throw new NotACloudEvent("not a CloudEvent: " + rootMessage(e), e);
        }
        requireText("id", event.getId());
        requireText("type", event.getType());
        requireText("source", event.getSource() == null ? null : event.getSource().toString());
        return event;
    }

    /**
     * Writes {@code event} in binary mode: one {@code ce-} header per attribute and extension (percent-encoded),
     * {@code Content-Type} from {@code datacontenttype}, and returns the data as the body.
     */
    public static byte[] writeBinary(CloudEvent event, BiConsumer<String, String> header) {
        header.accept(CE_PREFIX + "specversion", event.getSpecVersion().toString());
        for (String name : event.getAttributeNames()) {
            Object value = event.getAttribute(name);
            if (value == null || name.equals("specversion") || name.equals("datacontenttype")) {
                continue;
            }
            header.accept(CE_PREFIX + name, PercentEncoding.encode(render(value)));
        }
        for (String name : event.getExtensionNames()) {
            Object value = event.getExtension(name);
            if (value != null) {
                header.accept(CE_PREFIX + name, PercentEncoding.encode(render(value)));
            }
        }
        if (event.getDataContentType() != null) {
            header.accept("Content-Type", event.getDataContentType());
        }
        return event.getData() == null ? new byte[0] : event.getData().toBytes();
    }

    /** An attribute or extension value as text, the form it has in a binary-mode header. */
    public static String render(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof URI uri) {
            return uri.toString();
        }
        return value.toString();
    }

    private static void requireText(String attribute, String value) {
        if (value == null || value.isEmpty()) {
            throw new NotACloudEvent("not a valid CloudEvent: the attribute " + attribute + " is empty", null);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}

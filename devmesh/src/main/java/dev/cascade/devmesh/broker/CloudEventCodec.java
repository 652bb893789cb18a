package dev.cascade.devmesh.broker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.rw.CloudEventRWException;
import io.vertx.core.MultiMap;

/**
 * The CloudEvents HTTP protocol binding as Knative's brokers apply it (spec §1.3): structured mode for
 * {@code application/cloudevents+json}, binary mode only with a {@code ce-specversion} header of a known
 * version, batches refused, and everything else refused with 400. Events keep their spec version.
 */
public final class CloudEventCodec {

    public static final String STRUCTURED_JSON = "application/cloudevents+json";
    public static final String BATCH_JSON = "application/cloudevents-batch+json";
    private static final String CE_PREFIX = "ce-";
    private static final JsonFormat JSON_FORMAT = new JsonFormat();

    private CloudEventCodec() {
    }

    /** The outcome of reading a request or response: an event, nothing, or a refusal with its reason. */
    public sealed interface Decoded permits Event, NoEvent, Invalid {
    }

    public record Event(CloudEvent event) implements Decoded {
    }

    /** Neither a structured content type nor a {@code ce-specversion} header: not a CloudEvent at all. */
    public record NoEvent(String reason) implements Decoded {
    }

    /** Announced as a CloudEvent but unreadable or invalid (missing id, unknown version, bad time…). */
    public record Invalid(String reason) implements Decoded {
    }

    public static Decoded decode(MultiMap headers, byte[] body) {
        String contentType = headers.get("Content-Type");
        String mediaType = mediaType(contentType);
        if (BATCH_JSON.equals(mediaType)) {
            return new Invalid("batched CloudEvents (" + BATCH_JSON + ") are not supported");
        }
        if (STRUCTURED_JSON.equals(mediaType)) {
            try {
                return new Event(JSON_FORMAT.deserialize(body));
            } catch (EventDeserializationException | CloudEventRWException | IllegalStateException e) {
                return new Invalid("invalid structured CloudEvent: " + message(e));
            }
        }
        String specVersion = headers.get(CE_PREFIX + "specversion");
        if (specVersion == null) {
            return new NoEvent("neither a ce-specversion header nor a CloudEvents content type");
        }
        return decodeBinary(headers, body, specVersion, contentType);
    }

    private static Decoded decodeBinary(MultiMap headers, byte[] body, String specVersion, String contentType) {
        SpecVersion version;
        try {
            version = SpecVersion.parse(percentDecode(specVersion));
        } catch (CloudEventRWException | IllegalArgumentException e) {
            return new Invalid("unknown CloudEvents spec version \"" + specVersion + "\"");
        }
        try {
            CloudEventBuilder builder = CloudEventBuilder.fromSpecVersion(version);
            for (Map.Entry<String, String> header : headers) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (name.startsWith(CE_PREFIX) && !name.equals(CE_PREFIX + "specversion")) {
                    builder.withContextAttribute(name.substring(CE_PREFIX.length()), percentDecode(header.getValue()));
                }
            }
            if (contentType != null) {
                builder.withDataContentType(contentType);
            }
            if (body.length > 0) {
                builder.withData(body);
            }
            return new Event(builder.build());
        } catch (CloudEventRWException | IllegalStateException | IllegalArgumentException e) {
            return new Invalid("invalid binary-mode CloudEvent: " + message(e));
        }
    }

    /** Writes binary mode: one {@code ce-} header per attribute, Content-Type, and the data as the body. */
    public static byte[] writeBinary(CloudEvent event, BiConsumer<String, String> header) {
        header.accept("ce-specversion", event.getSpecVersion().toString());
        for (String name : event.getAttributeNames()) {
            if (name.equals("specversion") || name.equals("datacontenttype")) {
                continue;
            }
            Object value = event.getAttribute(name);
            if (value != null) {
                header.accept(CE_PREFIX + name, percentEncode(render(value)));
            }
        }
        for (String name : event.getExtensionNames()) {
            Object value = event.getExtension(name);
            if (value != null) {
                header.accept(CE_PREFIX + name, percentEncode(render(value)));
            }
        }
        if (event.getDataContentType() != null) {
            header.accept("Content-Type", event.getDataContentType());
        }
        return event.getData() == null ? new byte[0] : event.getData().toBytes();
    }

    /** Writes structured mode (the JSON event format); the caller sets {@value #STRUCTURED_JSON}. */
    public static byte[] writeStructured(CloudEvent event) {
        return JSON_FORMAT.serialize(event);
    }

    /** The string form an attribute or extension takes in a header or a filter. */
    public static String render(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString();
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** HTTP binding §3.1.3.2: space, double quote, percent and everything outside printable ASCII. */
    static String percentEncode(String value) {
        boolean plain = true;
        for (int i = 0; i < value.length() && plain; i++) {
            char c = value.charAt(i);
            plain = c > 0x20 && c < 0x7F && c != '"' && c != '%';
        }
        if (plain) {
            return value;
        }
        StringBuilder encoded = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c > 0x20 && c < 0x7F && c != '"' && c != '%') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }

    static String percentDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        StringBuilder decoded = new StringBuilder(value.length());
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()) {
                int high = Character.digit(value.charAt(i + 1), 16);
                int low = Character.digit(value.charAt(i + 2), 16);
                if (high >= 0 && low >= 0) {
                    run.write((high << 4) | low);
                    i += 2;
                    continue;
                }
            }
            if (run.size() > 0) {
                decoded.append(run.toString(StandardCharsets.UTF_8));
                run.reset();
            }
            decoded.append(c);
        }
        if (run.size() > 0) {
            decoded.append(run.toString(StandardCharsets.UTF_8));
        }
        return decoded.toString();
    }

    private static String message(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}

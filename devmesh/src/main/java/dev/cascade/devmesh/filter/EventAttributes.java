package dev.cascade.devmesh.filter;

import io.cloudevents.CloudEvent;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.function.Function;

/**
 * How each broker class reads a named attribute of an event as a string for {@code filter.attributes},
 * {@code exact}, {@code prefix} and {@code suffix}. A reader is resolved once per filter key when the filter is
 * compiled, so the per-event work is one call, with no lookup by name.
 * <p>
 * A reader returns {@code null} for "missing", which every string filter treats as a non-match.
 */
final class EventAttributes {

    /** Go's {@code time.Time{}} marshalled as text: what MT reads for {@code time} when the event has none. */
    static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private EventAttributes() {
    }

    /**
     * MTChannelBasedBroker ({@code eventing pkg/eventfilter/attributes/filter.go} LookupAttribute): the context
     * attributes always exist and unset ones read {@code ""}; {@code schemaurl} aliases {@code dataschema};
     * {@code datamediatype} is the content type up to {@code ;}; {@code time} is Go RFC3339Nano, and
     * {@link #GO_ZERO_TIME} when the event has none. Any other name is an extension, which may be missing.
     */
    static Function<CloudEvent, String> mtReader(String name) {
        return switch (name) {
            case "specversion" -> event -> event.getSpecVersion().toString();
            case "id" -> CloudEvent::getId;
            case "type" -> CloudEvent::getType;
            case "source" -> event -> uriText(event.getSource());
            case "subject" -> event -> emptyIfNull(event.getSubject());
            case "time" -> event -> event.getTime() == null ? GO_ZERO_TIME : goTime(event.getTime());
            case "dataschema", "schemaurl" -> event -> uriText(event.getDataSchema());
            case "datacontenttype" -> event -> emptyIfNull(event.getDataContentType());
            case "datamediatype" -> event -> mediaType(event.getDataContentType());
            // A CloudEvents 0.3 attribute that sdk-java does not carry; sdk-go reads "" for it on any event.
            case "datacontentencoding" -> event -> "";
            default -> event -> {
                Object value = event.getExtension(name);
                return value == null ? null : mtExtensionText(value);
            };
        };
    }

    /**
     * The Kafka broker ({@code eventing-kafka-broker data-plane/core/.../filter/AttributesFilter.java}): a fixed
     * table of context attributes ({@code schemaurl} included; {@code datamediatype} and
     * {@code datacontentencoding} are not in it, so they are looked up as extensions), {@code time} as
     * {@code ISO_INSTANT}, an unset time or dataschema reads {@code ""}, an unset subject or datacontenttype is
     * {@code null} (never equal to anything), and a missing extension reads {@code ""}.
     */
    static Function<CloudEvent, String> kafkaReader(String name) {
        return switch (name) {
            case "specversion" -> event -> event.getSpecVersion().toString();
            case "id" -> CloudEvent::getId;
            case "type" -> CloudEvent::getType;
            case "source" -> event -> uriText(event.getSource());
            case "subject" -> CloudEvent::getSubject;
            case "time" -> event -> event.getTime() == null ? "" : DateTimeFormatter.ISO_INSTANT.format(event.getTime());
            case "dataschema", "schemaurl" -> event -> uriText(event.getDataSchema());
            case "datacontenttype" -> CloudEvent::getDataContentType;
            default -> event -> {
                Object value = event.getExtension(name);
                return value == null ? "" : value.toString();
            };
        };
    }

    /**
     * Go's {@code time.RFC3339Nano} of the instant in UTC: trailing zeros of the fraction removed, and no fraction
     * at all for whole seconds. MT events cross HTTP binary mode before the filter runs and sdk-go writes times in
     * UTC ({@code sdk-go/v2/types/value.go} FormatTime), so the sender's offset is gone by then.
     */
    static String goTime(OffsetDateTime time) {
        OffsetDateTime utc = time.withOffsetSameInstant(ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(30).append(SECONDS.format(utc));
        int nanos = utc.getNano();
        if (nanos != 0) {
            String digits = Integer.toString(1_000_000_000 + nanos).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(digits, 0, end);
        }
        return text.append('Z').toString();
    }

    /**
     * An extension value as text after sdk-go wrote it into an HTTP header and read it back: MT filters only ever
     * see string extensions (broker semantics §2.3).
     */
    static String mtExtensionText(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof OffsetDateTime time) {
            return goTime(time);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString();
    }

    /** sdk-go's DataMediaType: the content type up to the first {@code ;}, trimmed; untouched without a {@code ;}. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return semicolon < 0 ? contentType : contentType.substring(0, semicolon).trim();
    }

    private static String uriText(URI uri) {
        return uri == null ? "" : uri.toString();
    }

    private static String emptyIfNull(String value) {
        return value == null ? "" : value;
    }
}

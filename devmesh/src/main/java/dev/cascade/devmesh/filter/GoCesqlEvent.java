package dev.cascade.devmesh.filter;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * An event seen through sdk-go's CESQL eyes, so that the sdk-java CESQL runtime evaluates MT filters the way
 * MTChannelBasedBroker does. sdk-java reads attributes through {@link #getAttribute} (for the exact names of
 * the CloudEvents 1.0 context attributes) and {@link #getExtension} (for every other identifier, as written), so
 * this view only has to answer those the Go way:
 * <ul>
 * <li>Identifiers are case-insensitive: sdk-go lower-cases them when parsing
 * ({@code sdk-go/sql/v2/parser/expression_visitor.go} VisitIdentifier); sdk-java keeps the text as written, so
 * {@code TYPE} reaches {@link #getExtension} and is lower-cased here.</li>
 * <li>Blank context attributes and the zero time are missing ({@code sdk-go/v2/binding/spec/attributes.go}).</li>
 * <li>{@code time} is RFC3339Nano in UTC, not {@link OffsetDateTime#toString()}
 * ({@code sdk-go/sql/v2/utils/event.go} GetAttribute).</li>
 * <li>Extensions are strings, as they are after crossing HTTP.</li>
 * </ul>
 * One view is created per CESQL evaluation; it wraps the event and copies nothing.
 */
final class GoCesqlEvent implements CloudEvent {

    /** Context attribute names sdk-go's CESQL resolves as attributes rather than extensions. */
    private static final Set<String> CONTEXT_ATTRIBUTES = SpecVersion.V1.getAllAttributes();

    private final CloudEvent event;

    GoCesqlEvent(CloudEvent event) {
        this.event = event;
    }

    @Override
    public Object getAttribute(String name) {
        return contextAttribute(name);
    }

    @Override
    public Object getExtension(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (CONTEXT_ATTRIBUTES.contains(key)) {
            return contextAttribute(key);
        }
        Object value = event.getExtension(key);
        return value == null ? null : EventAttributes.mtExtensionText(value);
    }

    /** The set context attributes, for {@code EXISTS}; blank ones are left out as sdk-go does. */
    @Override
    public Set<String> getAttributeNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String name : CONTEXT_ATTRIBUTES) {
            if (contextAttribute(name) != null) {
                names.add(name);
            }
        }
        return names;
    }

    @Override
    public Set<String> getExtensionNames() {
        return event.getExtensionNames();
    }

    private String contextAttribute(String name) {
        return switch (name) {
            case "specversion" -> event.getSpecVersion().toString();
            case "id" -> blankToNull(event.getId());
            case "source" -> event.getSource() == null ? null : blankToNull(event.getSource().toString());
            case "type" -> blankToNull(event.getType());
            case "datacontenttype" -> blankToNull(event.getDataContentType());
            case "dataschema" -> event.getDataSchema() == null ? null : blankToNull(event.getDataSchema().toString());
            case "subject" -> blankToNull(event.getSubject());
            case "time" -> event.getTime() == null ? null : EventAttributes.goTime(event.getTime());
            default -> null;
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    @Override
    public CloudEventData getData() {
        return event.getData();
    }

    @Override
    public SpecVersion getSpecVersion() {
        return event.getSpecVersion();
    }

    @Override
    public String getId() {
        return event.getId();
    }

    @Override
    public String getType() {
        return event.getType();
    }

    @Override
    public URI getSource() {
        return event.getSource();
    }

    @Override
    public String getDataContentType() {
        return event.getDataContentType();
    }

    @Override
    public URI getDataSchema() {
        return event.getDataSchema();
    }

    @Override
    public String getSubject() {
        return event.getSubject();
    }

    @Override
    public OffsetDateTime getTime() {
        return event.getTime();
    }
}

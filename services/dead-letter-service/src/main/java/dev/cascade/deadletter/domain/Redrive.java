package dev.cascade.deadletter.domain;

import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * The event a redrive sends: the dead letter's own attributes, extensions and data, as the producer sent them,
 * less Knative's {@code knativeerror*} extensions, which describe the failed delivery and would make every
 * subscriber of the redriven event see a failure that is not its own. The id stays: consumers that handled the
 * event before recognise it, those that failed on it (and rolled back) handle it now.
 */
public final class Redrive {

    /** Every extension Knative adds to a dead-lettered event starts with this. */
    public static final String KNATIVE_ERROR_PREFIX = "knativeerror";

    private Redrive() {
    }

    public static CloudEvent originalEvent(DeadLetter letter) {
        SpecVersion version = SpecVersion.parse(letter.attributes().getOrDefault("specversion", "1.0"));
        CloudEventBuilder builder = CloudEventBuilder.fromSpecVersion(version);
        for (Map.Entry<String, String> attribute : letter.attributes().entrySet()) {
            if (!attribute.getKey().equals("specversion")) {
                builder.withContextAttribute(attribute.getKey(), attribute.getValue());
            }
        }
        for (Map.Entry<String, String> extension : letter.extensions().entrySet()) {
            if (!extension.getKey().startsWith(KNATIVE_ERROR_PREFIX)) {
                builder.withExtension(extension.getKey(), extension.getValue());
            }
        }
        if (letter.data() != null) {
            builder.withData(letter.data());
        }
        return builder.build();
    }
}

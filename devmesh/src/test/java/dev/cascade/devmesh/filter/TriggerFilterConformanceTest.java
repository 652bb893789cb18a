package dev.cascade.devmesh.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cascade.devmesh.BrokerClass;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.fabric8.knative.eventing.v1.TriggerSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the filter vectors of {@code conformance/filter-vectors.yaml} against both broker classes. The vectors are
 * the specification of devmesh's filtering (broker semantics §2); this class only loads and runs them.
 */
class TriggerFilterConformanceTest {

    private static final String VECTORS = "/conformance/filter-vectors.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<Vector> ALL = load();

    /** One case of the vector file, its event already built. */
    record Vector(String name, TriggerSpec trigger, CloudEvent event, FilterResult mt, FilterResult kafka,
            boolean webhookRejects) {
    }

    static Stream<Named<Vector>> vectors() {
        return ALL.stream().map(vector -> Named.of(vector.name(), vector));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void filterVector(Vector vector) {
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(TriggerFilters.compile(vector.trigger(), BrokerClass.MT_CHANNEL_BASED).filter(vector.event()))
                    .as("%s: MTChannelBasedBroker", vector.name()).isEqualTo(vector.mt());
            softly.assertThat(TriggerFilters.compile(vector.trigger(), BrokerClass.KAFKA).filter(vector.event()))
                    .as("%s: Kafka", vector.name()).isEqualTo(vector.kafka());
            softly.assertThat(TriggerFilters.validate(vector.trigger()).isEmpty())
                    .as("%s: the webhook accepts the spec (webhookRejects: %s)", vector.name(), vector.webhookRejects())
                    .isEqualTo(!vector.webhookRejects());
        });
    }

    @Test
    void vectorFileCoversEnoughCasesWithUniqueNames() {
        Set<String> names = new HashSet<>();
        for (Vector vector : ALL) {
            assertThat(names.add(vector.name())).as("duplicate case name %s", vector.name()).isTrue();
        }
        assertThat(ALL).hasSizeGreaterThanOrEqualTo(60);
    }

    @Test
    void kafkaResultsAreNeverNoFilter() {
        assertThat(ALL).extracting(Vector::kafka).doesNotContain(FilterResult.NO_FILTER);
    }

    private static List<Vector> load() {
        try (InputStream in = TriggerFilterConformanceTest.class.getResourceAsStream(VECTORS)) {
            if (in == null) {
                throw new IllegalStateException(VECTORS + " is not on the test classpath");
            }
            JsonNode root = YAML.readTree(in);
            JsonNode defaultEvent = root.path("defaultEvent");
            List<Vector> vectors = new ArrayList<>();
            for (JsonNode node : root.path("cases")) {
                vectors.add(toVector(node, defaultEvent));
            }
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Vector toVector(JsonNode node, JsonNode defaultEvent) throws IOException {
        String name = required(node, "name").asText();
        try {
            TriggerSpec trigger = YAML.treeToValue(required(node, "trigger"), TriggerSpec.class);
            ObjectNode eventFields = defaultEvent.deepCopy();
            if (node.has("event")) {
                eventFields.setAll((ObjectNode) node.get("event"));
            }
            JsonNode expect = required(node, "expect");
            return new Vector(name, trigger, toEvent(eventFields),
                    FilterResult.valueOf(required(expect, "mt").asText()),
                    FilterResult.valueOf(required(expect, "kafka").asText()),
                    node.path("webhookRejects").asBoolean(false));
        } catch (RuntimeException | IOException e) {
            throw new IllegalStateException("vector \"" + name + "\" is malformed: " + e.getMessage(), e);
        }
    }

    private static CloudEvent toEvent(JsonNode fields) {
        CloudEventBuilder event = "0.3".equals(fields.path("specversion").asText("1.0"))
                ? CloudEventBuilder.v03()
                : CloudEventBuilder.v1();
        event.withId(required(fields, "id").asText())
                .withSource(URI.create(required(fields, "source").asText()))
                .withType(required(fields, "type").asText());
        if (fields.has("subject")) {
            event.withSubject(fields.get("subject").asText());
        }
        if (fields.has("dataschema")) {
            event.withDataSchema(URI.create(fields.get("dataschema").asText()));
        }
        if (fields.has("datacontenttype")) {
            event.withDataContentType(fields.get("datacontenttype").asText());
        }
        if (fields.has("time")) {
            event.withTime(OffsetDateTime.parse(fields.get("time").asText()));
        }
        for (Map.Entry<String, JsonNode> extension : iterable(fields.path("extensions"))) {
            JsonNode value = extension.getValue();
            if (value.isInt()) {
                event.withExtension(extension.getKey(), value.intValue());
            } else if (value.isBoolean()) {
                event.withExtension(extension.getKey(), value.booleanValue());
            } else {
                event.withExtension(extension.getKey(), value.asText());
            }
        }
        return event.build();
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }

    private static JsonNode required(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            throw new IllegalStateException("missing field \"" + field + "\"");
        }
        return node.get(field);
    }
}

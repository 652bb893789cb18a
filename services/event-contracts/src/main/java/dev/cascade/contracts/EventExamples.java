package dev.cascade.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The canonical example of every event type: a complete structured-mode CloudEvent at
 * {@code examples/<type>.json} in this jar. Service tests can post these instead of writing their own.
 */
public final class EventExamples {

    public static final String RESOURCE_FOLDER = "examples/";

    private static final ObjectMapper MAPPER = CascadeJson.newObjectMapper();

    private EventExamples() {
    }

    /** The classpath resource of the canonical example of a type. */
    public static String resourceOf(String type) {
        return RESOURCE_FOLDER + type + ".json";
    }

    /**
     * A fresh copy of the canonical example of a type, as a structured-mode CloudEvent.
     *
     * @throws UnknownEventTypeException if the catalog has no such type
     */
    public static ObjectNode canonical(String type) {
        EventDefinition definition = EventCatalog.get(type);
        String resource = definition.exampleResource();
        try (InputStream in = EventExamples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing example resource " + resource);
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** The {@code data} of the canonical example of a type. */
    public static JsonNode canonicalData(String type) {
        return canonical(type).get("data");
    }
}

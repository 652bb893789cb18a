package dev.cascade.contracts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

/**
 * Checks the {@code data} of an event against the JSON Schema of its type. Services call this on
 * every input before mapping it to a record, and answer {@link EventContractException}s with a 4xx.
 *
 * <p>All schemas of {@link EventCatalog} are loaded from this jar and compiled once, in
 * {@link #create()}; the validator never reads the network. Format assertions are on, so
 * {@code date-time} and {@code date} are checked, not just annotated. Instances are immutable and
 * thread-safe: create one per application and share it.
 */
public final class EventValidator {

    private static final int MAX_MESSAGE_LENGTH = 200;
    private static final int MAX_POINTER_LENGTH = 200;
    /** Deepest nesting of objects and arrays accepted; Cascade's payloads need a handful of levels. */
    static final int MAX_DEPTH = 64;

    private final Map<String, Schema> schemas;
    // Parses raw input. Trailing tokens fail, so "{} garbage" is not silently accepted as "{}".
    private final ObjectMapper reader = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private EventValidator(Map<String, Schema> schemas) {
        this.schemas = schemas;
    }

    /**
     * Loads and compiles the schema of every catalog type.
     *
     * @throws IllegalStateException if a schema is missing or broken (a packaging error)
     */
    public static EventValidator create() {
        return create(Map.of());
    }

    /**
     * Like {@link #create()}, but compiles the given schema text instead of the shipped schema for
     * some types. Tests use it to prove that a stricter schema makes today's examples fail.
     */
    static EventValidator create(Map<String, String> schemaOverrides) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder
                        .schemaRegistryConfig(config)
                        .schemaLoader(loader -> loader
                                .fetchRemoteResources(false)
                                .schemaIdResolvers(ids -> ids.mapPrefix(
                                        DataSchemas.BASE_URI, "classpath:" + DataSchemas.RESOURCE_FOLDER))));

        // The library resolves classpath: through the thread context class loader, which on pool
        // threads may not see this jar. Compile everything now, with our own loader in place.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(EventValidator.class.getClassLoader());
        try {
            Map<String, Schema> schemas = new LinkedHashMap<>();
            for (String type : EventCatalog.types()) {
                schemas.put(type, compile(registry, type, schemaOverrides.get(type)));
            }
            return new EventValidator(Map.copyOf(schemas));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Schema compile(SchemaRegistry registry, String type, String override) {
        SchemaLocation location = SchemaLocation.of(DataSchemas.uriOf(type));
        try {
            Schema schema = override == null
                    ? registry.getSchema(location)
                    : registry.getSchema(location, override, InputFormat.JSON);
            schema.initializeValidators();
            return schema;
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot load the schema of " + type + " from "
                    + DataSchemas.resourceOf(type) + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code type} is a catalog type this validator has a schema for. */
    public boolean knows(String type) {
        return type != null && schemas.containsKey(type);
    }

    /**
     * Validates event data.
     *
     * @throws UnknownEventTypeException if {@code type} is not in the catalog
     */
    public ValidationResult validate(String type, JsonNode data) {
        Schema schema = schemaOf(type);
        if (data == null || data.isMissingNode()) {
            return invalid(type, "", "event data is missing");
        }
        if (deeperThan(data, MAX_DEPTH)) {
            return invalid(type, "", "nests objects and arrays deeper than " + MAX_DEPTH + " levels");
        }
        List<Error> errors;
        try {
            // The validator has its own JSON library (Jackson 3), so the tree crosses over as text.
            errors = schema.validate(reader.writeValueAsString(data), InputFormat.JSON);
        } catch (JsonProcessingException | RuntimeException e) {
            // A limit of either JSON library (length of a number, a name...). The same input would
            // fail again, so it is the client's problem, not a server error worth retrying.
            return invalid(type, "", "cannot be validated: " + cut(e.getMessage(), MAX_MESSAGE_LENGTH));
        }
        List<Violation> violations = errors.stream()
                .map(EventValidator::toViolation)
                .sorted(Comparator.comparing(Violation::pointer).thenComparing(Violation::message))
                .toList();
        return new ValidationResult(type, violations);
    }

    /**
     * Validates event data given as JSON text; text that is not JSON is a violation, not an exception.
     *
     * @throws UnknownEventTypeException if {@code type} is not in the catalog
     */
    public ValidationResult validate(String type, String json) {
        schemaOf(type);
        if (json == null) {
            return invalid(type, "", "event data is missing");
        }
        return parseAndValidate(type, json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Validates event data given as JSON bytes (UTF-8); bytes that are not JSON are a violation.
     *
     * @throws UnknownEventTypeException if {@code type} is not in the catalog
     */
    public ValidationResult validate(String type, byte[] json) {
        schemaOf(type);
        if (json == null) {
            return invalid(type, "", "event data is missing");
        }
        return parseAndValidate(type, json);
    }

    /**
     * Validates event data and throws if it is invalid.
     *
     * @throws UnknownEventTypeException if {@code type} is not in the catalog
     * @throws InvalidEventDataException if {@code data} breaks the schema of {@code type}
     */
    public void requireValid(String type, JsonNode data) {
        ValidationResult result = validate(type, data);
        if (!result.valid()) {
            throw new InvalidEventDataException(type, result.violations());
        }
    }

    private ValidationResult parseAndValidate(String type, byte[] json) {
        JsonNode data;
        try {
            data = reader.readTree(json);
        } catch (JsonParseException e) {
            return invalid(type, "", "is not valid JSON: " + cut(e.getOriginalMessage(), MAX_MESSAGE_LENGTH)
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            return invalid(type, "", "is not valid JSON: " + cut(e.getMessage(), MAX_MESSAGE_LENGTH));
        }
        return validate(type, data);
    }

    private Schema schemaOf(String type) {
        Schema schema = type == null ? null : schemas.get(type);
        if (schema == null) {
            throw new UnknownEventTypeException(type);
        }
        return schema;
    }

    private static boolean deeperThan(JsonNode node, int levels) {
        if (!node.isContainerNode()) {
            return false;
        }
        if (levels == 0) {
            return true;
        }
        for (JsonNode child : node) {
            if (deeperThan(child, levels - 1)) {
                return true;
            }
        }
        return false;
    }

    private static ValidationResult invalid(String type, String pointer, String message) {
        return new ValidationResult(type, List.of(new Violation(pointer, message)));
    }

    private static Violation toViolation(Error error) {
        String pointer = error.getInstanceLocation().toString();
        // "required" is reported at the object that lacks the property; point at the property itself.
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            pointer = pointer + "/" + escape(error.getProperty());
        }
        return new Violation(cut(pointer, MAX_POINTER_LENGTH), cut(error.getMessage(), MAX_MESSAGE_LENGTH));
    }

    private static String escape(String propertyName) {
        return propertyName.replace("~", "~0").replace("/", "~1");
    }

    private static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() > max ? text.substring(0, max) + "…" : text;
    }
}

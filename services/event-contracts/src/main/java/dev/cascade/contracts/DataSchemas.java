package dev.cascade.contracts;

import java.util.Optional;

/**
 * The {@code dataschema} convention: {@code https://cascade.dev/schemas/events/<type>.json}.
 *
 * <p>That URI is an identifier, not a download location: it is the {@code $id} of the schema, which
 * ships in this jar at {@code schemas/<type>.json}. {@link EventValidator} maps the prefix to the
 * classpath and never goes to the network.
 */
public final class DataSchemas {

    public static final String BASE_URI = "https://cascade.dev/schemas/events/";
    /** Classpath folder holding the schema of every type and the shared definitions. */
    public static final String RESOURCE_FOLDER = "schemas/";
    /** Shared definitions (money, sku, address…), referenced as {@code common.v1.json#/$defs/…}. */
    public static final String COMMON_URI = BASE_URI + "common.v1.json";

    private static final String SUFFIX = ".json";

    private DataSchemas() {
    }

    /** The {@code dataschema} attribute, and the schema's {@code $id}, for an event type. */
    public static String uriOf(String type) {
        return BASE_URI + type + SUFFIX;
    }

    /** The classpath resource holding the schema of an event type. */
    public static String resourceOf(String type) {
        return RESOURCE_FOLDER + type + SUFFIX;
    }

    /** The event type a {@code dataschema} URI names, if it follows the convention. */
    public static Optional<String> typeOf(String dataschema) {
        if (dataschema == null || !dataschema.startsWith(BASE_URI) || !dataschema.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String type = dataschema.substring(BASE_URI.length(), dataschema.length() - SUFFIX.length());
        return type.isEmpty() || type.contains("/") ? Optional.empty() : Optional.of(type);
    }
}

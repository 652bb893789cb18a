package dev.cascade.deploy.mesh;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.cascade.contracts.EventTypes;

/**
 * The CloudEvent types a service's Funqy functions take, read from its source tree: the
 * {@code quarkus.funqy.knative-events.mapping.<function>.trigger} keys of {@code application.properties} and the
 * {@code @CloudEventMapping(trigger = ...)} annotations of {@code src/main/java}, whose value is a string literal or
 * an {@link EventTypes} constant. What Funqy would route by function name alone (no mapping) is not counted: every
 * Cascade function sets its trigger explicitly.
 */
public final class FunqyMappings {

    /** The services' folders, relative to this module. */
    public static final Path SERVICES = Path.of("..", "services");

    private static final String PROPERTY_PREFIX = "quarkus.funqy.knative-events.mapping.";
    private static final String PROPERTY_SUFFIX = ".trigger";
    private static final Pattern ANNOTATION = Pattern.compile("@CloudEventMapping\\s*\\(([^)]*)\\)");
    private static final Pattern TRIGGER = Pattern.compile("\\btrigger\\s*=\\s*(?:\"([^\"]*)\"|([A-Za-z_][\\w.]*))");

    private FunqyMappings() {
    }

    /** The types the service in {@code services/<name>} handles; empty if it has no such folder. */
    public static Set<String> handledBy(String service) {
        return handledBy(SERVICES.resolve(service));
    }

    static Set<String> handledBy(Path serviceDirectory) {
        Set<String> types = new LinkedHashSet<>();
        Path properties = serviceDirectory.resolve("src/main/resources/application.properties");
        if (Files.isRegularFile(properties)) {
            types.addAll(fromProperties(read(properties)));
        }
        Path sources = serviceDirectory.resolve("src/main/java");
        if (Files.isDirectory(sources)) {
            try (Stream<Path> walk = Files.walk(sources)) {
                for (Path file : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    types.addAll(fromJava(read(file)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return types;
    }

    /** Unprofiled mapping keys only: {@code %test.quarkus.funqy...} does not run in a cluster. */
    static Set<String> fromProperties(String text) {
        Properties properties = new Properties();
        try (Reader reader = new java.io.StringReader(text)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> types = new LinkedHashSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(PROPERTY_PREFIX) && key.endsWith(PROPERTY_SUFFIX)) {
                types.add(properties.getProperty(key).trim());
            }
        }
        return types;
    }

    static Set<String> fromJava(String source) {
        Set<String> types = new LinkedHashSet<>();
        Matcher annotation = ANNOTATION.matcher(source);
        while (annotation.find()) {
            Matcher trigger = TRIGGER.matcher(annotation.group(1));
            if (trigger.find()) {
                types.add(trigger.group(1) != null ? trigger.group(1) : constant(trigger.group(2)));
            }
        }
        return types;
    }

    /** {@code EventTypes.ORDER_PLACE_V1} or a statically imported {@code ORDER_PLACE_V1}. */
    private static String constant(String reference) {
        String name = reference.substring(reference.lastIndexOf('.') + 1);
        String qualifier = reference.contains(".") ? reference.substring(0, reference.lastIndexOf('.')) : "";
        if (!qualifier.isEmpty() && !qualifier.equals("EventTypes") && !qualifier.equals(EventTypes.class.getName())) {
            throw new IllegalArgumentException("@CloudEventMapping trigger " + reference
                    + ": only string literals and EventTypes constants are understood");
        }
        try {
            Field field = EventTypes.class.getField(name);
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
                throw new IllegalArgumentException(reference + " is not a String constant of EventTypes");
            }
            return (String) field.get(null);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalArgumentException("@CloudEventMapping trigger " + reference + ": no such EventTypes constant", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

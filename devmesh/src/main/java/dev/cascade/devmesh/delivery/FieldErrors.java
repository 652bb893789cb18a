package dev.cascade.devmesh.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Collects webhook errors and renders them the way {@code knative.dev/pkg/apis.FieldError} does: errors with the
 * same message are merged, their paths sorted and joined with {@code ", "}, and the messages sorted, giving lines
 * such as {@code invalid value: -1: spec.delivery.retry}.
 */
final class FieldErrors {

    static final String INVALID_VALUE = "invalid value: ";
    static final String MISSING_FIELDS = "missing field(s)";
    static final String DISALLOWED_FIELDS = "must not set the field(s)";

    private final Map<String, TreeSet<String>> pathsByMessage = new LinkedHashMap<>();

    void invalidValue(Object value, String path) {
        add(INVALID_VALUE + value, path);
    }

    void missing(String path) {
        add(MISSING_FIELDS, path);
    }

    void disallowed(String path) {
        add(DISALLOWED_FIELDS, path);
    }

    void add(String message, String... paths) {
        TreeSet<String> merged = pathsByMessage.computeIfAbsent(message, m -> new TreeSet<>());
        for (String path : paths) {
            merged.add(path);
        }
    }

    List<String> messages() {
        List<String> lines = new ArrayList<>();
        pathsByMessage.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> lines.add(e.getKey() + ": " + String.join(", ", e.getValue())));
        return List.copyOf(lines);
    }
}

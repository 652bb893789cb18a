package dev.cascade.devmesh.console;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.fabric8.knative.serving.v1.Service;

/**
 * The annotation {@value #NAME} on a Knative Service ({@code metadata.annotations}): the CloudEvent types it sends
 * into the broker, as replies or to {@code K_SINK}; comma-separated, whitespace around each ignored. Knative ignores
 * it; devmesh draws it as the Service's edge into the broker, and e2e's {@code ServiceEmitsAnnotationTest} keeps
 * Cascade's manifests equal to the event catalog.
 */
public final class EmitsAnnotation {

    public static final String NAME = "cascade.dev/emits";

    private EmitsAnnotation() {
    }

    /**
     * The declared types, sorted and without duplicates; empty for an annotation that names none ({@code ""}),
     * absent for a Service without the annotation (nothing is known about what it sends).
     */
    public static Optional<List<String>> of(Service service) {
        Map<String, String> annotations = service.getMetadata() == null ? null : service.getMetadata().getAnnotations();
        if (annotations == null || !annotations.containsKey(NAME)) {
            return Optional.empty();
        }
        return Optional.of(parse(annotations.get(NAME)));
    }

    /** The types of an annotation value, sorted and without duplicates or empty items. */
    public static List<String> parse(String value) {
        TreeSet<String> types = new TreeSet<>();
        if (value != null) {
            for (String item : value.split(",")) {
                String type = item.strip();
                if (!type.isEmpty()) {
                    types.add(type);
                }
            }
        }
        return List.copyOf(types);
    }
}

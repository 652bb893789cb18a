package dev.cascade.deploy.manifests;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.sources.v1.SinkBinding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Parses Kubernetes manifests strictly into the fabric8 Kubernetes and Knative models: a document whose
 * apiVersion/kind is not mapped, or that carries a field the model does not know, is rejected with its origin.
 *
 * <p>Jackson's {@code FAIL_ON_UNKNOWN_PROPERTIES} alone proves nothing here: every fabric8 model class has a
 * {@code @JsonAnySetter} {@code additionalProperties} map that silently takes any unknown field (a misspelled
 * {@code spec.templat} included). So after binding, the whole object graph is walked and any non-empty
 * {@code additionalProperties} is an unknown field, reported with its path.
 */
public final class StrictManifests {

    /** apiVersion/kind pairs bound to a typed model; anything else fails unless {@link #GENERIC_KINDS} allows it. */
    private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
            Map.entry("serving.knative.dev/v1/Service", io.fabric8.knative.serving.v1.Service.class),
            Map.entry("eventing.knative.dev/v1/Broker", Broker.class),
            Map.entry("eventing.knative.dev/v1/Trigger", Trigger.class),
            Map.entry("sources.knative.dev/v1/SinkBinding", SinkBinding.class));

    /**
     * Custom resources fabric8 has no model for, accepted as {@link GenericKubernetesResource}: only their
     * apiVersion, kind, metadata.name and (strictly) their metadata are checked.
     */
    public static final Set<String> GENERIC_KINDS = Set.of(
            "monitoring.coreos.com/v1/PrometheusRule",
            "monitoring.coreos.com/v1/ServiceMonitor",
            "monitoring.coreos.com/v1/PodMonitor");

    private static final ObjectMapper YAML = new ObjectMapper(
            new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private StrictManifests() {
    }

    /** Every document of every {@code *.yaml}/{@code *.yml} file directly in {@code directory}, in file-name order. */
    public static List<HasMetadata> parseDirectory(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<HasMetadata> resources = new ArrayList<>();
            files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .forEach(f -> resources.addAll(parseFile(f)));
            return resources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<HasMetadata> parseFile(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-empty document of a (multi-document) YAML text; {@code origin} names it in errors. */
    public static List<HasMetadata> parse(String yaml, String origin) {
        List<HasMetadata> resources = new ArrayList<>();
        int index = 0;
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                index++;
                if (document == null || document.isNull() || document.isMissingNode()
                        || (document.isObject() && document.isEmpty())) {
                    continue; // a comment-only document, or what a disabled Helm template leaves
                }
                resources.add(parseDocument(document, origin + " document " + index));
            }
        } catch (IOException e) {
            throw new InvalidManifestException(origin + " document " + (index + 1) + ": not YAML: " + e.getMessage(), e);
        }
        return resources;
    }

    private static HasMetadata parseDocument(JsonNode document, String origin) {
        if (document.getNodeType() != JsonNodeType.OBJECT) {
            throw new InvalidManifestException(origin + ": not a mapping");
        }
        String apiVersion = document.path("apiVersion").asText("");
        String kind = document.path("kind").asText("");
        String name = document.path("metadata").path("name").asText("");
        if (apiVersion.isEmpty() || kind.isEmpty() || name.isEmpty()) {
            throw new InvalidManifestException(origin + ": apiVersion, kind and metadata.name are required");
        }
        String key = apiVersion + "/" + kind;
        origin = origin + " (" + kind + " " + name + ")";
        Class<? extends HasMetadata> model = MODELS.get(key);
        if (model == null && !GENERIC_KINDS.contains(key)) {
            throw new InvalidManifestException(origin + ": no model for apiVersion " + apiVersion + " kind " + kind);
        }
        HasMetadata resource;
        try {
            Class<? extends HasMetadata> target = model == null ? GenericKubernetesResource.class : model;
            resource = YAML.treeToValue(document, target);
        } catch (JsonProcessingException e) {
            throw new InvalidManifestException(origin + ": " + e.getOriginalMessage(), e);
        }
        List<String> unknown = new ArrayList<>();
        // a generic resource keeps everything but its metadata in additionalProperties by design
        Object root = model == null ? resource.getMetadata() : resource;
        collectUnknownFields(root, model == null ? "metadata" : "", unknown,
                Collections.newSetFromMap(new IdentityHashMap<>()));
        if (!unknown.isEmpty()) {
            throw new InvalidManifestException(origin + ": unknown field(s) " + unknown);
        }
        return resource;
    }

    private static void collectUnknownFields(Object value, String path, List<String> unknown, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknownFields(v, path + "[" + k + "]", unknown, seen));
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                collectUnknownFields(element, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        Class<?> type = value.getClass();
        if (!type.getName().startsWith("io.fabric8.")) {
            return; // String, Integer, Boolean, enums: leaves
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object fieldValue;
                try {
                    fieldValue = field.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (field.getName().equals("additionalProperties") && fieldValue instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> unknown.add(path.isEmpty() ? String.valueOf(k) : path + "." + k));
                } else {
                    collectUnknownFields(fieldValue, path.isEmpty() ? field.getName() : path + "." + field.getName(),
                            unknown, seen);
                }
            }
        }
    }

    /** A manifest that does not parse strictly; the message names the file, the document and the offence. */
    public static final class InvalidManifestException extends RuntimeException {
        InvalidManifestException(String message) {
            super(message);
        }

        InvalidManifestException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

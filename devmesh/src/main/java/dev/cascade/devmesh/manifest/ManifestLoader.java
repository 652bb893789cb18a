package dev.cascade.devmesh.manifest;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * Reads the Kubernetes/Knative manifests that get deployed and keeps what devmesh emulates: Brokers and
 * Triggers ({@code eventing.knative.dev/v1}), Knative Services ({@code serving.knative.dev/v1}), ConfigMaps and
 * Secrets ({@code v1}). Every other kind (Namespace, Deployment, NetworkPolicy, …) is meant for a real cluster
 * and is ignored without a word.
 *
 * <p>A document a cluster would refuse on {@code kubectl apply} is refused here too, as a {@link ResourceError}
 * in the snapshot, and left out; everything else keeps working. The checks run in the apiserver's order and
 * stop at the first stage that fails: parsing, apiVersion, strict decoding (unknown fields, wrong JSON types),
 * object metadata (names), then admission (Knative's webhook checks, then the extra validators).
 *
 * <p>Documents apply in order, files in path order, so a later document with the same kind, namespace and name
 * replaces an earlier one. A refused document replaces nothing: the earlier version stays, as it would in a
 * cluster.
 */
public final class ManifestLoader {

    /** Per-trigger ordering of the Kafka broker: {@code ordered} or {@code unordered}, in any case. */
    public static final String DELIVERY_ORDER_ANNOTATION = AdmissionChecks.DELIVERY_ORDER_ANNOTATION;

    private static final String WEBHOOK_REFUSAL = "admission webhook denied the request: validation failed: ";

    private final String defaultNamespace;
    private final List<ResourceValidator> extraValidators;
    private final StrictDecoder decoder = new StrictDecoder();

    /**
     * @param defaultNamespace the namespace of documents without {@code metadata.namespace}, as kubectl's
     *     current context would give them
     * @param extraValidators more admission checks (filters, delivery), run in order on every kept resource
     *     that decoded and has valid names, together with Knative's own admission checks: all their messages
     *     make one webhook refusal
     */
    public ManifestLoader(String defaultNamespace, List<ResourceValidator> extraValidators) {
        Objects.requireNonNull(defaultNamespace, "defaultNamespace");
        if (!KubernetesNames.dns1123Label(defaultNamespace).isEmpty()) {
            throw new IllegalArgumentException(KubernetesNames.invalid("default namespace", defaultNamespace,
                    KubernetesNames.dns1123Label(defaultNamespace)));
        }
        this.defaultNamespace = defaultNamespace;
        this.extraValidators = List.copyOf(extraValidators);
    }

    public ManifestLoader(String defaultNamespace) {
        this(defaultNamespace, List.of());
    }

    public String defaultNamespace() {
        return defaultNamespace;
    }

    /**
     * Loads the roots afresh. Each root is a file or a directory (walked recursively for {@code *.yaml} and
     * {@code *.yml}, see {@link ManifestFiles}). Never throws for a bad manifest or an unreadable file: those
     * become {@link Topology#errors()}.
     */
    public Topology load(List<Path> roots) {
        Topology.Builder topology = Topology.builder();
        ManifestFiles.Listing listing = ManifestFiles.list(roots);
        listing.problems().forEach(topology::error);
        for (Path file : listing.files()) {
            loadFile(file, topology);
        }
        return topology.build();
    }

    private void loadFile(Path file, Topology.Builder topology) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            topology.error(new ResourceError(file, 0, null, "not UTF-8 text"));
            return;
        } catch (IOException e) {
            topology.error(new ResourceError(file, 0, null, "cannot read: " + e));
            return;
        }
        for (YamlDocuments.Document document : YamlDocuments.parse(text)) {
            if (document.error() != null) {
                topology.error(new ResourceError(file, document.index(), null,
                        "YAML does not parse: " + document.error()));
            } else {
                new DocumentLoad(file, document.index(), topology).object(document.node(), "");
            }
        }
    }

    /** The load of one document, which may be a {@code List} of several objects. */
    private final class DocumentLoad {

        private final Path file;
        private final int index;
        private final Topology.Builder topology;

        DocumentLoad(Path file, int index, Topology.Builder topology) {
            this.file = file;
            this.index = index;
            this.topology = topology;
        }

        /** @param item {@code ""} for the document itself, {@code "items[2]: "} for an item of a List */
        void object(JsonNode node, String item) {
            if (!(node instanceof ObjectNode object)) {
                refuse(null, item + "not a Kubernetes object: expected a mapping with apiVersion, kind and metadata");
                return;
            }
            String apiVersion = text(object.get("apiVersion"));
            String kind = text(object.get("kind"));
            if (apiVersion == null || kind == null) {
                List<String> missing = new ArrayList<>();
                if (apiVersion == null) {
                    missing.add("apiVersion not set");
                }
                if (kind == null) {
                    missing.add("kind not set");
                }
                refuse(null, item + "error validating data: " + String.join(", ", missing));
                return;
            }
            if (isList(kind, object)) {
                // kubectl applies a List (or a FooList) item by item; so does devmesh.
                int position = 0;
                for (JsonNode element : object.get("items")) {
                    object(element, item + "items[" + position++ + "]: ");
                }
                return;
            }
            Kinds.Classification classification = Kinds.classify(apiVersion, kind);
            if (classification instanceof Kinds.Keep keep) {
                keep(object, keep.kept(), item);
            } else if (classification instanceof Kinds.WrongVersion wrong) {
                refuse(idOrNull(kind, object), item + wrong.message());
            }
        }

        private void keep(ObjectNode node, Kinds.Kept kept, String item) {
            ResourceId id = idOrNull(kept.kind(), node);
            // Without a name the error cannot name the resource, so the message names at least its kind.
            String nameless = id == null ? kept.kind() + " without a name: " : "";
            StrictDecoder.Result<? extends HasMetadata> decoded = decoder.decode(node, kept.type());
            if (!decoded.problems().isEmpty()) {
                refuse(id, item + nameless + String.join("; ", decoded.problems()));
                return;
            }
            HasMetadata resource = decoded.value();
            if (id == null) {
                refuse(null, item + nameless + "metadata.name: Required value: name is required"
                        + " (devmesh does not generate names)");
                return;
            }
            resource.getMetadata().setNamespace(id.namespace());
            List<String> metadataProblems = objectMetaProblems(resource);
            if (!metadataProblems.isEmpty()) {
                refuse(id, item + String.join("; ", metadataProblems));
                return;
            }
            List<String> admission = admissionProblems(resource);
            if (!admission.isEmpty()) {
                refuse(id, item + WEBHOOK_REFUSAL + String.join("; ", admission));
                return;
            }
            if (resource instanceof Secret secret) {
                foldStringData(secret);
            }
            topology.put(resource, file, index);
        }

        private ResourceId idOrNull(String kind, ObjectNode node) {
            JsonNode metadata = node.path("metadata");
            String name = scalar(metadata.path("name"));
            String namespace = scalar(metadata.path("namespace"));
            if (name == null || name.isEmpty()) {
                return null;
            }
            return new ResourceId(kind, namespace == null || namespace.isEmpty() ? defaultNamespace : namespace,
                    name);
        }

        private void refuse(ResourceId id, String message) {
            topology.error(new ResourceError(file, index, id, message));
        }
    }

    private static boolean isList(String kind, ObjectNode node) {
        return kind.endsWith("List") && node.path("items").isArray();
    }

    /** What the apiserver checks in ObjectMeta and in a ConfigMap's or Secret's keys before admission. */
    private static List<String> objectMetaProblems(HasMetadata resource) {
        List<String> problems = new ArrayList<>();
        String name = resource.getMetadata().getName();
        List<String> nameProblems = resource instanceof Service
                ? KubernetesNames.dns1035Label(name)
                : KubernetesNames.dns1123Subdomain(name);
        if (!nameProblems.isEmpty()) {
            problems.add(KubernetesNames.invalid("metadata.name", name, nameProblems));
        }
        String namespace = resource.getMetadata().getNamespace();
        List<String> namespaceProblems = KubernetesNames.dns1123Label(namespace);
        if (!namespaceProblems.isEmpty()) {
            problems.add(KubernetesNames.invalid("metadata.namespace", namespace, namespaceProblems));
        }
        if (resource instanceof ConfigMap configMap) {
            checkKeys("data", configMap.getData(), problems);
            checkKeys("binaryData", configMap.getBinaryData(), problems);
            checkBase64("binaryData", configMap.getBinaryData(), problems);
        } else if (resource instanceof Secret secret) {
            checkKeys("data", secret.getData(), problems);
            checkKeys("stringData", secret.getStringData(), problems);
            checkBase64("data", secret.getData(), problems);
        }
        return problems;
    }

    private static void checkKeys(String field, Map<String, String> map, List<String> problems) {
        if (map == null) {
            return;
        }
        for (String key : map.keySet()) {
            List<String> keyProblems = KubernetesNames.configKey(key);
            if (!keyProblems.isEmpty()) {
                problems.add(KubernetesNames.invalid(field + "[" + key + "]", key, keyProblems));
            }
        }
    }

    /** The apiserver decodes these fields as Go {@code []byte}: standard, padded base64; line breaks are ignored. */
    private static void checkBase64(String field, Map<String, String> map, List<String> problems) {
        if (map == null) {
            return;
        }
        for (Map.Entry<String, String> entry : map.entrySet()) {
            String value = entry.getValue() == null ? "" : entry.getValue().replace("\r", "").replace("\n", "");
            boolean valid = value.length() % 4 == 0;
            if (valid) {
                try {
                    Base64.getDecoder().decode(value);
                } catch (IllegalArgumentException e) {
                    valid = false;
                }
            }
            if (!valid) {
                problems.add(field + "[" + entry.getKey() + "]: illegal base64 data");
            }
        }
    }

    private List<String> admissionProblems(HasMetadata resource) {
        List<String> problems = new ArrayList<>();
        if (resource instanceof Broker broker) {
            problems.addAll(AdmissionChecks.broker(broker));
        } else if (resource instanceof Trigger trigger) {
            problems.addAll(AdmissionChecks.trigger(trigger));
        } else if (resource instanceof Service service) {
            problems.addAll(AdmissionChecks.service(service));
        }
        for (ResourceValidator validator : extraValidators) {
            try {
                List<String> messages = validator.validate(resource);
                if (messages != null) {
                    problems.addAll(messages);
                }
            } catch (RuntimeException e) {
                // A validator bug must not take the whole load down; it refuses only the resource it choked on.
                problems.add("validator " + validator.getClass().getName() + " failed: " + e);
            }
        }
        return problems;
    }

    /** The apiserver stores a Secret's stringData as base64 data (stringData wins) and never returns it. */
    private static void foldStringData(Secret secret) {
        if (secret.getStringData() == null || secret.getStringData().isEmpty()) {
            return;
        }
        Map<String, String> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            data.putAll(secret.getData());
        }
        secret.getStringData().forEach((key, value) -> data.put(key,
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        secret.setData(data);
        secret.setStringData(null);
    }

    /** Any scalar but null, so that messages name even a resource the decoder is about to refuse (name: 123). */
    private static String scalar(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }
}

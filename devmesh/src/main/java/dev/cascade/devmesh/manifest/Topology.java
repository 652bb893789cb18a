package dev.cascade.devmesh.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * One immutable snapshot of what the manifests declare: the accepted resources of each kind, keyed by id in
 * the order they were first applied, and the refusals. A new snapshot replaces the old one on every reload;
 * nothing is patched in place.
 *
 * <p>The fabric8 model objects are mutable Java beans; treat them as read-only.
 */
public final class Topology {

    private static final Topology EMPTY = builder().build();

    private final Map<ResourceId, LoadedResource<Broker>> brokers;
    private final Map<ResourceId, LoadedResource<Trigger>> triggers;
    private final Map<ResourceId, LoadedResource<Service>> services;
    private final Map<ResourceId, LoadedResource<ConfigMap>> configMaps;
    private final Map<ResourceId, LoadedResource<Secret>> secrets;
    private final List<ResourceError> errors;

    private Topology(Builder builder) {
        this.brokers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.brokers));
        this.triggers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.triggers));
        this.services = Collections.unmodifiableMap(new LinkedHashMap<>(builder.services));
        this.configMaps = Collections.unmodifiableMap(new LinkedHashMap<>(builder.configMaps));
        this.secrets = Collections.unmodifiableMap(new LinkedHashMap<>(builder.secrets));
        this.errors = List.copyOf(builder.errors);
    }

    public static Topology empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Map<ResourceId, LoadedResource<Broker>> brokers() {
        return brokers;
    }

    public Map<ResourceId, LoadedResource<Trigger>> triggers() {
        return triggers;
    }

    /** Knative Services ({@code serving.knative.dev/v1}); Kubernetes Services are not kept. */
    public Map<ResourceId, LoadedResource<Service>> services() {
        return services;
    }

    public Map<ResourceId, LoadedResource<ConfigMap>> configMaps() {
        return configMaps;
    }

    public Map<ResourceId, LoadedResource<Secret>> secrets() {
        return secrets;
    }

    /** Every refused document or file, in load order. */
    public List<ResourceError> errors() {
        return errors;
    }

    public Optional<Broker> broker(String namespace, String name) {
        return find(brokers, Kinds.BROKER, namespace, name);
    }

    /**
     * The Triggers of namespace {@code namespace} whose {@code spec.broker} is {@code broker}, by name. A
     * Trigger may name a Broker that does not exist; Knative accepts it and it is simply not ready.
     */
    public List<Trigger> triggersOf(String namespace, String broker) {
        List<Trigger> result = new ArrayList<>();
        for (LoadedResource<Trigger> loaded : triggers.values()) {
            Trigger trigger = loaded.resource();
            if (namespace.equals(trigger.getMetadata().getNamespace()) && trigger.getSpec() != null
                    && broker.equals(trigger.getSpec().getBroker())) {
                result.add(trigger);
            }
        }
        result.sort(Comparator.comparing(trigger -> trigger.getMetadata().getName()));
        return List.copyOf(result);
    }

    /** The Knative Service {@code namespace/name}. */
    public Optional<Service> service(String namespace, String name) {
        return find(services, Kinds.SERVICE, namespace, name);
    }

    public Optional<ConfigMap> configMap(String namespace, String name) {
        return find(configMaps, Kinds.CONFIG_MAP, namespace, name);
    }

    /** The Secret {@code namespace/name}; {@code stringData} has been folded into {@code data} as the apiserver does. */
    public Optional<Secret> secret(String namespace, String name) {
        return find(secrets, Kinds.SECRET, namespace, name);
    }

    private static <T> Optional<T> find(Map<ResourceId, LoadedResource<T>> map, String kind, String namespace,
            String name) {
        LoadedResource<T> loaded = map.get(new ResourceId(kind, namespace, name));
        return loaded == null ? Optional.empty() : Optional.of(loaded.resource());
    }

    @Override
    public String toString() {
        return "Topology[" + brokers.size() + " brokers, " + triggers.size() + " triggers, " + services.size()
                + " services, " + configMaps.size() + " configmaps, " + secrets.size() + " secrets, "
                + errors.size() + " errors]";
    }

    /** Collects resources like {@code kubectl apply}: a resource with an id already present replaces it. */
    public static final class Builder {

        private final Map<ResourceId, LoadedResource<Broker>> brokers = new LinkedHashMap<>();
        private final Map<ResourceId, LoadedResource<Trigger>> triggers = new LinkedHashMap<>();
        private final Map<ResourceId, LoadedResource<Service>> services = new LinkedHashMap<>();
        private final Map<ResourceId, LoadedResource<ConfigMap>> configMaps = new LinkedHashMap<>();
        private final Map<ResourceId, LoadedResource<Secret>> secrets = new LinkedHashMap<>();
        private final List<ResourceError> errors = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds or replaces a Broker, Trigger, Knative Service, ConfigMap or Secret whose name and namespace are set.
         *
         * @throws IllegalArgumentException for any other type, or a missing name or namespace
         */
        public Builder put(HasMetadata resource, Path file, int documentIndex) {
            Objects.requireNonNull(resource, "resource");
            if (resource.getMetadata() == null || resource.getMetadata().getName() == null
                    || resource.getMetadata().getNamespace() == null) {
                throw new IllegalArgumentException("metadata.name and metadata.namespace must be set");
            }
            ResourceId id = ResourceId.of(resource);
            if (resource instanceof Broker broker) {
                brokers.put(id, new LoadedResource<>(broker, file, documentIndex));
            } else if (resource instanceof Trigger trigger) {
                triggers.put(id, new LoadedResource<>(trigger, file, documentIndex));
            } else if (resource instanceof Service service) {
                services.put(id, new LoadedResource<>(service, file, documentIndex));
            } else if (resource instanceof ConfigMap configMap) {
                configMaps.put(id, new LoadedResource<>(configMap, file, documentIndex));
            } else if (resource instanceof Secret secret) {
                secrets.put(id, new LoadedResource<>(secret, file, documentIndex));
            } else {
                throw new IllegalArgumentException("a Topology holds no " + resource.getClass().getName());
            }
            return this;
        }

        public Builder error(ResourceError error) {
            errors.add(Objects.requireNonNull(error, "error"));
            return this;
        }

        public Topology build() {
            return new Topology(this);
        }
    }
}

package dev.cascade.devmesh.manifest;

import java.util.Objects;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Names one resource the way kubectl does: kind, namespace and name. {@code kind} is the bare kind
 * ({@code Trigger}, {@code Service}); the kinds devmesh keeps never share a kind name across API groups.
 */
public record ResourceId(String kind, String namespace, String name) {

    public ResourceId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** The id of a resource whose {@code metadata.name} and {@code metadata.namespace} are set. */
    public static ResourceId of(HasMetadata resource) {
        return new ResourceId(resource.getKind(), resource.getMetadata().getNamespace(),
                resource.getMetadata().getName());
    }

    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name;
    }
}

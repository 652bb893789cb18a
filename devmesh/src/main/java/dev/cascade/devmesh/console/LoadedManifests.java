package dev.cascade.devmesh.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.cascade.devmesh.manifest.LoadedResource;
import dev.cascade.devmesh.manifest.ResourceError;
import dev.cascade.devmesh.manifest.ResourceId;
import dev.cascade.devmesh.manifest.Topology;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The Brokers, Triggers and Knative Services devmesh runs, for the console and the topology endpoints. Each
 * manifest snapshot replaces the last, except that a resource the new snapshot refuses keeps its last accepted
 * version, as the broker ({@code Mesh}) and the serving ({@code ServingRegistry}) keep it: the graph shows what
 * runs.
 */
@ApplicationScoped
public class LoadedManifests {

    private static final Set<String> SHOWN = Set.of("Broker", "Trigger", "Service");

    private volatile Topology current = Topology.empty();

    /** Takes a snapshot that has just been applied to the broker and the serving. */
    public synchronized void apply(Topology snapshot) {
        Map<ResourceId, LoadedResource<? extends HasMetadata>> kept = new LinkedHashMap<>();
        kept.putAll(snapshot.brokers());
        kept.putAll(snapshot.triggers());
        kept.putAll(snapshot.services());
        Map<ResourceId, LoadedResource<? extends HasMetadata>> previous = new LinkedHashMap<>();
        previous.putAll(current.brokers());
        previous.putAll(current.triggers());
        previous.putAll(current.services());
        for (ResourceError error : snapshot.errors()) {
            ResourceId id = error.resource();
            if (id != null && SHOWN.contains(id.kind()) && !kept.containsKey(id) && previous.containsKey(id)) {
                kept.put(id, previous.get(id));
            }
        }
        Topology.Builder builder = Topology.builder();
        kept.values().forEach(loaded -> builder.put(loaded.resource(), loaded.file(), loaded.documentIndex()));
        snapshot.errors().forEach(builder::error);
        current = builder.build();
    }

    /** The Brokers, Triggers and Knative Services in force, and the refusals of the last load. */
    public Topology topology() {
        return current;
    }
}

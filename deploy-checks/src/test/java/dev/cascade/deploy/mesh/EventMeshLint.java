package dev.cascade.deploy.mesh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.cascade.contracts.EventCatalog;
import dev.cascade.contracts.EventDefinition;
import dev.cascade.contracts.Transport;

import io.fabric8.knative.duck.v1.KReference;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.knative.eventing.v1.Trigger;

/**
 * The event mesh lint: the Triggers, the event catalog and the functions' Funqy mappings tell the same story.
 * <ol>
 * <li>every broker type a deployed service emits (catalog producers) has a Trigger that filters on it, unless only
 * the outside world consumes it (a storefront subscribes with a Trigger of its own, which Cascade does not ship);</li>
 * <li>every Trigger filters on a type, and that type is a broker type of the catalog that a deployed service emits
 * or the outside world ({@link EventCatalog#EXTERNAL}) sends;</li>
 * <li>every Trigger's subscriber is a deployed Knative Service with a Funqy function mapped to that type.</li>
 * </ol>
 * "Deployed" means a Knative Service of {@code k8s/}: the types of services not deployed yet (the telemetry
 * pipeline) are neither required nor allowed to have Triggers. {@link #findings} returns one message per breach.
 */
public final class EventMeshLint {

    private static final String SERVING_V1 = "serving.knative.dev/v1";

    private EventMeshLint() {
    }

    /**
     * @param catalog the event definitions ({@link EventCatalog#all()})
     * @param deployed the names of the Knative Services deployed with the Triggers
     * @param triggers the Triggers
     * @param handled per deployed service, the types its Funqy functions are mapped to
     */
    public static List<String> findings(List<EventDefinition> catalog, Set<String> deployed, List<Trigger> triggers,
            Map<String, Set<String>> handled) {
        List<String> findings = new ArrayList<>();
        Set<String> filtered = new TreeSet<>();
        for (Trigger trigger : triggers) {
            String type = typeFilter(trigger);
            if (type != null) {
                filtered.add(type);
            }
        }
        for (EventDefinition definition : catalog) {
            if (definition.transport() != Transport.BROKER) {
                continue;
            }
            List<String> emitters = definition.producers().stream().filter(deployed::contains).toList();
            boolean onlyExternalConsumers = definition.consumers().stream().allMatch(EventCatalog.EXTERNAL::equals);
            if (!emitters.isEmpty() && !onlyExternalConsumers && !filtered.contains(definition.type())) {
                findings.add(definition.type() + " is emitted by " + String.join(", ", emitters)
                        + " but no Trigger filters on it (catalog consumers: "
                        + String.join(", ", definition.consumers()) + ")");
            }
        }
        for (Trigger trigger : triggers) {
            findings.addAll(trigger(trigger, catalog, deployed, handled));
        }
        return findings;
    }

    private static List<String> trigger(Trigger trigger, List<EventDefinition> catalog, Set<String> deployed,
            Map<String, Set<String>> handled) {
        String name = "Trigger " + trigger.getMetadata().getName();
        String type = typeFilter(trigger);
        if (type == null) {
            return List.of(name + " has no type filter: it would deliver every event of the broker");
        }
        List<String> findings = new ArrayList<>();
        EventDefinition definition = catalog.stream().filter(d -> d.type().equals(type)).findFirst().orElse(null);
        if (definition == null) {
            findings.add(name + " filters on " + type + ", which is not in the event catalog");
        } else if (definition.transport() != Transport.BROKER) {
            findings.add(name + " filters on " + type + ", which travels on Kafka topic " + definition.topic()
                    + ", never through the broker");
        } else if (definition.producers().stream()
                .noneMatch(p -> p.equals(EventCatalog.EXTERNAL) || deployed.contains(p))) {
            findings.add(name + " filters on " + type + ", which no deployed service emits and the outside world"
                    + " does not send (catalog producers: " + String.join(", ", definition.producers()) + ")");
        }
        KReference ref = trigger.getSpec().getSubscriber() == null ? null : trigger.getSpec().getSubscriber().getRef();
        if (ref == null || !SERVING_V1.equals(ref.getApiVersion()) || !"Service".equals(ref.getKind())
                || !deployed.contains(ref.getName())) {
            findings.add(name + " delivers to " + describe(ref) + ", which is not a deployed Knative Service");
        } else {
            Collection<String> types = handled.getOrDefault(ref.getName(), Set.of());
            if (!types.contains(type)) {
                findings.add(name + " delivers " + type + " to " + ref.getName()
                        + ", which has no Funqy function mapped to it (it handles: " + new TreeSet<>(types) + ")");
            }
        }
        return findings;
    }

    /** The exact type the Trigger filters on: {@code filter.attributes.type}, or an {@code exact} of {@code filters}. */
    static String typeFilter(Trigger trigger) {
        var spec = trigger.getSpec();
        if (spec == null) {
            return null;
        }
        if (spec.getFilter() != null && spec.getFilter().getAttributes() != null) {
            String type = spec.getFilter().getAttributes().get("type");
            if (type != null && !type.isBlank()) {
                return type;
            }
        }
        if (spec.getFilters() != null) {
            return spec.getFilters().stream().map(SubscriptionsAPIFilter::getExact).filter(Objects::nonNull)
                    .map(exact -> exact.get("type")).filter(Objects::nonNull).findFirst().orElse(null);
        }
        return null;
    }

    private static String describe(KReference ref) {
        if (ref == null) {
            return "a URI";
        }
        return ref.getApiVersion() + " " + ref.getKind() + " " + ref.getName();
    }
}

package dev.cascade.devmesh.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.cascade.devmesh.BrokerClass;
import dev.cascade.devmesh.manifest.LoadedResource;
import dev.cascade.devmesh.manifest.Topology;
import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.duck.v1.KReference;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The event flow the manifests declare, as a graph: Brokers, their Triggers with their filters, the subscribers
 * (Knative Services, Brokers, other destinations) and which event types each Service sends to its broker. A pure
 * function of a {@link Topology}: {@code GET /devmesh/topology} serves it as JSON, {@link MermaidTopology} draws
 * it, and the same manifests always give the same graph, whatever order they were read in.
 *
 * <p>Nodes come by kind (brokers, triggers, services, endpoints), each sorted by namespace and name (endpoints by
 * label); edges by kind, then by the position of their ends. Node ids are {@code <kind>_<name>_<hash>}: only
 * {@code [a-z0-9_]}, stable as long as the resource keeps its kind, namespace and name, and unique through the
 * hash of those (an id never depends on what else is loaded).
 *
 * @param nodes every node once
 * @param edges every edge once
 */
public record FlowGraph(List<Node> nodes, List<Edge> edges) {

    /** What a node stands for. */
    public enum NodeKind {
        BROKER, TRIGGER, SERVICE, ENDPOINT;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What an edge stands for. */
    public enum EdgeKind {
        /** A Broker to one of its Triggers. */
        TRIGGER("trigger"),
        /** A Trigger to its subscriber; its label is the subscriber's relative {@code uri}, if any. */
        DELIVERY("delivery"),
        /** A Knative Service to the broker it sends to; its labels are the types of {@value EmitsAnnotation#NAME}. */
        EMITS("emits"),
        /** A Broker's dead-letter sink, or a Trigger's where it differs from its Broker's. */
        DEAD_LETTER("dead-letter");

        private final String json;

        EdgeKind(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }
    }

    /**
     * One node.
     *
     * @param label what to show: {@code namespace/name} for brokers (and for everything when the graph spans more
     *     than one namespace), the name otherwise; an endpoint's URI, or the kind and name of what its ref names
     * @param declared whether the manifests hold the resource (a Trigger may name a Broker or a Service that they
     *     do not); always true for endpoints
     * @param brokerClass the class of a declared broker
     * @param filter a trigger's {@link FilterText#clauses}, all of which must hold
     * @param emits a service's {@value EmitsAnnotation#NAME} types; null when it has no such annotation
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Node(String id, NodeKind kind, String namespace, String name, String label, boolean declared,
            String brokerClass, List<String> filter, List<String> emits) {
    }

    /** One edge; {@code labels} may be empty, never null. */
    public record Edge(String from, String to, EdgeKind kind, List<String> labels) {
    }

    private static final String SERVING_V1 = "serving.knative.dev/v1";
    private static final String EVENTING_V1 = "eventing.knative.dev/v1";

    /**
     * The graph of a snapshot.
     *
     * @param sinkBroker the Broker every Service sends to ({@code devmesh.serving.sink-broker}): {@code <namespace>/<name>},
     *     or a name in the Service's own namespace
     */
    public static FlowGraph of(Topology topology, String sinkBroker) {
        return new Builder(topology).build(sinkBroker.strip());
    }

    /** The node with this id. */
    public Node node(String id) {
        return nodes.stream().filter(node -> node.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id));
    }

    private static final class Builder {

        private final Topology topology;
        private final boolean qualify;
        private final Map<String, Node> nodes = new HashMap<>();
        private final Set<Edge> edges = new LinkedHashSet<>();

        Builder(Topology topology) {
            this.topology = topology;
            Set<String> namespaces = new HashSet<>();
            topology.brokers().keySet().forEach(id -> namespaces.add(id.namespace()));
            topology.triggers().keySet().forEach(id -> namespaces.add(id.namespace()));
            topology.services().keySet().forEach(id -> namespaces.add(id.namespace()));
            this.qualify = namespaces.size() > 1;
        }

        FlowGraph build(String sinkBroker) {
            for (Broker broker : sorted(topology.brokers().values())) {
                String namespace = broker.getMetadata().getNamespace();
                String name = broker.getMetadata().getName();
                String brokerClass = brokerClass(broker);
                nodes.put(id(NodeKind.BROKER, namespace, name), new Node(id(NodeKind.BROKER, namespace, name),
                        NodeKind.BROKER, namespace, name, namespace + "/" + name, true, brokerClass, null, null));
            }
            for (Service service : sorted(topology.services().values())) {
                String namespace = service.getMetadata().getNamespace();
                String name = service.getMetadata().getName();
                List<String> emits = EmitsAnnotation.of(service).orElse(null);
                nodes.put(id(NodeKind.SERVICE, namespace, name), new Node(id(NodeKind.SERVICE, namespace, name),
                        NodeKind.SERVICE, namespace, name, label(namespace, name), true, null, null, emits));
                if (emits != null && !emits.isEmpty()) {
                    int slash = sinkBroker.indexOf('/');
                    String brokerId = slash < 0
                            ? broker(namespace, sinkBroker)
                            : broker(sinkBroker.substring(0, slash), sinkBroker.substring(slash + 1));
                    edges.add(new Edge(id(NodeKind.SERVICE, namespace, name), brokerId, EdgeKind.EMITS, emits));
                }
            }
            Map<String, String> brokerSinks = new HashMap<>();
            for (Broker broker : sorted(topology.brokers().values())) {
                String namespace = broker.getMetadata().getNamespace();
                String brokerId = id(NodeKind.BROKER, namespace, broker.getMetadata().getName());
                Destination sink = deadLetterSink(broker.getSpec() == null ? null : broker.getSpec().getDelivery());
                if (sink != null) {
                    String sinkId = destination(sink, namespace, brokerId, EdgeKind.DEAD_LETTER);
                    brokerSinks.put(brokerId, sinkId);
                }
            }
            for (Trigger trigger : sorted(topology.triggers().values())) {
                String namespace = trigger.getMetadata().getNamespace();
                String name = trigger.getMetadata().getName();
                String triggerId = id(NodeKind.TRIGGER, namespace, name);
                nodes.put(triggerId, new Node(triggerId, NodeKind.TRIGGER, namespace, name, label(namespace, name),
                        true, null, FilterText.clauses(trigger.getSpec()), null));
                if (trigger.getSpec() == null) {
                    continue;
                }
                String brokerId = broker(namespace, trigger.getSpec().getBroker());
                edges.add(new Edge(brokerId, triggerId, EdgeKind.TRIGGER, List.of()));
                if (trigger.getSpec().getSubscriber() != null) {
                    destination(trigger.getSpec().getSubscriber(), namespace, triggerId, EdgeKind.DELIVERY);
                }
                Destination sink = deadLetterSink(trigger.getSpec().getDelivery());
                if (sink != null && !destinationId(sink, namespace).equals(brokerSinks.get(brokerId))) {
                    destination(sink, namespace, triggerId, EdgeKind.DEAD_LETTER);
                }
            }
            List<Node> ordered = new ArrayList<>(nodes.values());
            ordered.sort(Comparator.comparing(Node::kind)
                    .thenComparing(node -> node.namespace() == null ? "" : node.namespace())
                    .thenComparing(node -> node.name() == null ? node.label() : node.name())
                    .thenComparing(Node::id));
            Map<String, Integer> position = new HashMap<>();
            for (int i = 0; i < ordered.size(); i++) {
                position.put(ordered.get(i).id(), i);
            }
            List<Edge> orderedEdges = new ArrayList<>(edges);
            orderedEdges.sort(Comparator.comparing(Edge::kind)
                    .thenComparing(edge -> position.get(edge.from()))
                    .thenComparing(edge -> position.get(edge.to()))
                    .thenComparing(edge -> String.join("\n", edge.labels())));
            return new FlowGraph(List.copyOf(ordered), List.copyOf(orderedEdges));
        }

        private static <T extends HasMetadata> List<T> sorted(Collection<LoadedResource<T>> resources) {
            return resources.stream().map(LoadedResource::resource)
                    .sorted(Comparator.comparing((T r) -> r.getMetadata().getNamespace())
                            .thenComparing(r -> r.getMetadata().getName()))
                    .toList();
        }

        private static String brokerClass(Broker broker) {
            Map<String, String> annotations = broker.getMetadata().getAnnotations();
            try {
                return BrokerClass.fromAnnotation(annotations == null ? null : annotations.get(BrokerClass.ANNOTATION))
                        .annotationValue();
            } catch (IllegalArgumentException unsupported) {
                return annotations.get(BrokerClass.ANNOTATION);
            }
        }

        private static Destination deadLetterSink(DeliverySpec delivery) {
            return delivery == null ? null : delivery.getDeadLetterSink();
        }

        private String label(String namespace, String name) {
            return qualify ? namespace + "/" + name : name;
        }

        /** The id of the broker node {@code namespace/name}, added undeclared if the manifests lack it. */
        private String broker(String namespace, String name) {
            String id = id(NodeKind.BROKER, namespace, name);
            nodes.computeIfAbsent(id, key -> new Node(key, NodeKind.BROKER, namespace, name, namespace + "/" + name,
                    false, null, null, null));
            return id;
        }

        private String service(String namespace, String name) {
            String id = id(NodeKind.SERVICE, namespace, name);
            nodes.computeIfAbsent(id, key -> new Node(key, NodeKind.SERVICE, namespace, name, label(namespace, name),
                    false, null, null, null));
            return id;
        }

        /** Adds the node a Destination names and the edge to it; returns the node's id. */
        private String destination(Destination destination, String namespace, String from, EdgeKind kind) {
            String to = destinationId(destination, namespace);
            if (!nodes.containsKey(to)) {
                KReference ref = destination.getRef();
                if (ref != null && isService(ref)) {
                    service(refNamespace(ref, namespace), ref.getName());
                } else if (ref != null && isBroker(ref)) {
                    broker(refNamespace(ref, namespace), ref.getName());
                } else {
                    String label = ref != null
                            ? ref.getKind() + " " + refNamespace(ref, namespace) + "/" + ref.getName()
                            : String.valueOf(destination.getUri());
                    nodes.put(to, new Node(to, NodeKind.ENDPOINT, null, null, label, true, null, null, null));
                }
            }
            List<String> labels = destination.getRef() != null && destination.getUri() != null
                    ? List.of(destination.getUri())
                    : List.of();
            edges.add(new Edge(from, to, kind, labels));
            return to;
        }

        /** The node id of a Destination, without adding anything. */
        private static String destinationId(Destination destination, String namespace) {
            KReference ref = destination.getRef();
            if (ref == null) {
                return id(NodeKind.ENDPOINT, "uri", String.valueOf(destination.getUri()));
            }
            String refNamespace = refNamespace(ref, namespace);
            if (isService(ref)) {
                return id(NodeKind.SERVICE, refNamespace, ref.getName());
            }
            if (isBroker(ref)) {
                return id(NodeKind.BROKER, refNamespace, ref.getName());
            }
            return id(NodeKind.ENDPOINT, "ref " + ref.getApiVersion() + " " + ref.getKind() + " " + refNamespace,
                    String.valueOf(ref.getName()));
        }

        private static boolean isService(KReference ref) {
            return "Service".equals(ref.getKind()) && SERVING_V1.equals(ref.getApiVersion());
        }

        private static boolean isBroker(KReference ref) {
            return "Broker".equals(ref.getKind()) && EVENTING_V1.equals(ref.getApiVersion());
        }

        private static String refNamespace(KReference ref, String namespace) {
            return ref.getNamespace() == null || ref.getNamespace().isEmpty() ? namespace : ref.getNamespace();
        }
    }

    /** {@code <kind>_<name, letters and digits only, at most 32>_<8 hex of SHA-256(kind, namespace, name)>}. */
    static String id(NodeKind kind, String namespace, String name) {
        String slug = String.valueOf(name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        if (slug.length() > 32) {
            slug = slug.substring(0, 32).replaceAll("_+$", "");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (kind.json() + "\n" + namespace + "\n" + name).getBytes(StandardCharsets.UTF_8));
            String hash = HexFormat.of().formatHex(digest, 0, 4);
            return kind.json() + "_" + (slug.isEmpty() ? "" : slug + "_") + hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

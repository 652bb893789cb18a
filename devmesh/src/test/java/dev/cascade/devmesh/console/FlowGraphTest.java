package dev.cascade.devmesh.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cascade.devmesh.console.FlowGraph.Edge;
import dev.cascade.devmesh.console.FlowGraph.EdgeKind;
import dev.cascade.devmesh.console.FlowGraph.Node;
import dev.cascade.devmesh.console.FlowGraph.NodeKind;
import dev.cascade.devmesh.manifest.LoadedResource;
import dev.cascade.devmesh.manifest.ManifestLoader;
import dev.cascade.devmesh.manifest.Topology;
import io.fabric8.knative.eventing.v1.BrokerBuilder;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1.TriggerBuilder;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;

class FlowGraphTest {

    static final Path CONSOLE_MANIFESTS = Path.of("src/test/resources/console");
    private static final Path FILE = Path.of("manifests.yaml");

    static Topology consoleManifests() {
        Topology topology = new ManifestLoader("default").load(List.of(CONSOLE_MANIFESTS));
        assertThat(topology.errors()).isEmpty();
        return topology;
    }

    @Test
    void brokersTriggersWithTheirFiltersSubscribersAndEmittedTypes() {
        FlowGraph graph = FlowGraph.of(consoleManifests(), "default");

        String broker = FlowGraph.id(NodeKind.BROKER, "console", "default");
        String placed = FlowGraph.id(NodeKind.TRIGGER, "console", "placed-orders");
        String audit = FlowGraph.id(NodeKind.TRIGGER, "console", "audit");
        String big = FlowGraph.id(NodeKind.TRIGGER, "console", "big-amounts");
        String recorder = FlowGraph.id(NodeKind.SERVICE, "console", "recorder");
        String auditor = FlowGraph.id(NodeKind.SERVICE, "console", "auditor");

        assertThat(graph.nodes()).extracting(Node::id).containsExactly(broker, audit, big, placed, auditor, recorder);
        assertThat(graph.node(broker)).isEqualTo(new Node(broker, NodeKind.BROKER, "console", "default",
                "console/default", true, "MTChannelBasedBroker", null, null));
        assertThat(graph.node(placed).filter()).containsExactly("type = dev.example.console.placed.v1");
        assertThat(graph.node(audit).filter()).containsExactly("type starts with dev.example.console.",
                "not (source = /noise)");
        assertThat(graph.node(big).filter())
                .containsExactly("CESQL type = 'dev.example.console.placed.v1' AND amount > 100");
        assertThat(graph.node(recorder).emits())
                .containsExactly("dev.example.console.audited.v1", "dev.example.console.recorded.v1");
        assertThat(graph.node(recorder).declared()).isTrue();
        assertThat(graph.node(auditor).declared()).isFalse();
        assertThat(graph.node(auditor).emits()).isNull();

        assertThat(graph.edges()).containsExactly(
                new Edge(broker, audit, EdgeKind.TRIGGER, List.of()),
                new Edge(broker, big, EdgeKind.TRIGGER, List.of()),
                new Edge(broker, placed, EdgeKind.TRIGGER, List.of()),
                new Edge(audit, recorder, EdgeKind.DELIVERY, List.of("/audit")),
                new Edge(big, auditor, EdgeKind.DELIVERY, List.of()),
                new Edge(placed, recorder, EdgeKind.DELIVERY, List.of("/placed")),
                new Edge(recorder, broker, EdgeKind.EMITS,
                        List.of("dev.example.console.audited.v1", "dev.example.console.recorded.v1")),
                new Edge(broker, recorder, EdgeKind.DEAD_LETTER, List.of("/dead-letters")));
    }

    @Test
    void theGraphDoesNotDependOnTheOrderTheManifestsWereRead() {
        Topology read = consoleManifests();
        List<LoadedResource<? extends HasMetadata>> all = new ArrayList<>();
        all.addAll(read.services().values());
        all.addAll(read.triggers().values());
        all.addAll(read.brokers().values());
        Collections.reverse(all);
        Topology.Builder reversed = Topology.builder();
        all.forEach(loaded -> reversed.put(loaded.resource(), loaded.file(), loaded.documentIndex()));

        assertThat(FlowGraph.of(reversed.build(), "default")).isEqualTo(FlowGraph.of(read, "default"));
    }

    @Test
    void aTriggerNamingAMissingBrokerAndAUriSubscriberShowBoth() {
        Trigger trigger = new TriggerBuilder().withNewMetadata().withName("lost").withNamespace("ns").endMetadata()
                .withNewSpec().withBroker("nowhere").withNewSubscriber().withUri("http://audit.example.test/in")
                .endSubscriber().endSpec().build();

        FlowGraph graph = FlowGraph.of(Topology.builder().put(trigger, FILE, 1).build(), "default");

        Node broker = graph.node(FlowGraph.id(NodeKind.BROKER, "ns", "nowhere"));
        assertThat(broker.declared()).isFalse();
        assertThat(graph.nodes()).filteredOn(node -> node.kind() == NodeKind.ENDPOINT).singleElement()
                .satisfies(endpoint -> assertThat(endpoint.label()).isEqualTo("http://audit.example.test/in"));
        assertThat(graph.node(FlowGraph.id(NodeKind.TRIGGER, "ns", "lost")).filter())
                .containsExactly(FilterText.EVERY_EVENT);
    }

    @Test
    void aTriggerDrawsItsOwnDeadLetterSinkOnlyWhereItDiffersFromItsBrokers() {
        Topology.Builder builder = Topology.builder();
        consoleManifests().brokers().values().forEach(b -> builder.put(b.resource(), b.file(), b.documentIndex()));
        builder.put(triggerWithSink("same", "recorder", "/dead-letters"), FILE, 1);
        builder.put(triggerWithSink("other", "keeper", null), FILE, 2);

        FlowGraph graph = FlowGraph.of(builder.build(), "default");

        assertThat(graph.edges()).filteredOn(edge -> edge.kind() == EdgeKind.DEAD_LETTER)
                .extracting(Edge::from, Edge::to).containsExactly(
                        tuple(FlowGraph.id(NodeKind.BROKER, "console", "default"),
                                FlowGraph.id(NodeKind.SERVICE, "console", "recorder")),
                        tuple(FlowGraph.id(NodeKind.TRIGGER, "console", "other"),
                                FlowGraph.id(NodeKind.SERVICE, "console", "keeper")));
    }

    @Test
    void servicesSendToTheSinkBrokerAndAnEmptyAnnotationDrawsNoEdge() {
        Topology topology = Topology.builder()
                .put(new BrokerBuilder().withNewMetadata().withName("main")
                        .withNamespace("events").endMetadata().build(), FILE, 1)
                .put(service("quiet", ""), FILE, 1)
                .put(service("loud", "b.v1, a.v1 ,, a.v1"), FILE, 2)
                .put(service("unknown", null), FILE, 3)
                .build();

        FlowGraph graph = FlowGraph.of(topology, "events/main");

        assertThat(graph.node(FlowGraph.id(NodeKind.SERVICE, "shop", "quiet")).emits()).isEmpty();
        assertThat(graph.node(FlowGraph.id(NodeKind.SERVICE, "shop", "unknown")).emits()).isNull();
        assertThat(graph.edges()).containsExactly(new Edge(FlowGraph.id(NodeKind.SERVICE, "shop", "loud"),
                FlowGraph.id(NodeKind.BROKER, "events", "main"), EdgeKind.EMITS, List.of("a.v1", "b.v1")));
        // Two namespaces: every label says which.
        assertThat(graph.node(FlowGraph.id(NodeKind.SERVICE, "shop", "loud")).label()).isEqualTo("shop/loud");
    }

    @Test
    void idsAreSafeStableAndTellApartNamesThatLookAlike() {
        String dashed = FlowGraph.id(NodeKind.TRIGGER, "a-b", "c");
        String split = FlowGraph.id(NodeKind.TRIGGER, "a", "b-c");
        String dotted = FlowGraph.id(NodeKind.TRIGGER, "a-b", "c.");
        String hostile = FlowGraph.id(NodeKind.ENDPOINT, "uri", "http://x/\"]; click A call alert(1) %%\nend");

        assertThat(List.of(dashed, split, dotted, hostile)).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[a-z0-9_]+"));
        assertThat(dashed).startsWith("trigger_c_").isEqualTo(FlowGraph.id(NodeKind.TRIGGER, "a-b", "c"));
        assertThat(FlowGraph.id(NodeKind.BROKER, "cascade", "default")).matches("broker_default_[0-9a-f]{8}");
    }

    private static Trigger triggerWithSink(String name, String sinkService, String sinkUri) {
        return new TriggerBuilder().withNewMetadata().withName(name).withNamespace("console").endMetadata()
                .withNewSpec().withBroker("default")
                .withNewSubscriber().withUri("http://subscriber.example.test/").endSubscriber()
                .withNewDelivery().withNewDeadLetterSink().withNewRef().withApiVersion("serving.knative.dev/v1")
                .withKind("Service").withName(sinkService).endRef().withUri(sinkUri).endDeadLetterSink().endDelivery()
                .endSpec().build();
    }

    private static Service service(String name, String emits) {
        ServiceBuilder builder = new ServiceBuilder();
        var metadata = builder.withNewMetadata().withName(name).withNamespace("shop");
        if (emits != null) {
            metadata.withAnnotations(Map.of(EmitsAnnotation.NAME, emits));
        }
        return metadata.endMetadata().build();
    }
}

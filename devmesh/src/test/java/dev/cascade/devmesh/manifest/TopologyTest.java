package dev.cascade.devmesh.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1.TriggerBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;

class TopologyTest {

    private static final Path FILE = Path.of("k8s/200-triggers.yaml");

    @Test
    void triggersOfABrokerAreThoseOfItsNamespaceNamingItSortedByName() {
        Topology topology = Topology.builder()
                .put(trigger("cascade", "zeta", "default"), FILE, 1)
                .put(trigger("cascade", "alpha", "default"), FILE, 2)
                .put(trigger("cascade", "other-broker", "audit"), FILE, 3)
                .put(trigger("elsewhere", "same-broker-name", "default"), FILE, 4)
                .build();

        assertThat(topology.triggersOf("cascade", "default")).extracting(t -> t.getMetadata().getName())
                .containsExactly("alpha", "zeta");
        assertThat(topology.triggersOf("elsewhere", "default")).hasSize(1);
        assertThat(topology.triggersOf("cascade", "missing")).isEmpty();
    }

    @Test
    void lookupsFindByNamespaceAndName() {
        Topology topology = Topology.builder()
                .put(new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("cascade").endMetadata()
                        .build(), FILE, 1)
                .build();

        assertThat(topology.configMap("cascade", "settings")).isPresent();
        assertThat(topology.configMap("other", "settings")).isEmpty();
        assertThat(topology.secret("cascade", "settings")).isEmpty();
        assertThat(topology.broker("cascade", "settings")).isEmpty();
        assertThat(topology.service("cascade", "settings")).isEmpty();
    }

    @Test
    void theSnapshotIsImmutableAndTheBuilderDoesNotReachIntoIt() {
        Topology.Builder builder = Topology.builder().put(trigger("cascade", "first", "default"), FILE, 1);
        Topology topology = builder.build();
        builder.put(trigger("cascade", "second", "default"), FILE, 2);

        assertThat(topology.triggers()).hasSize(1);
        assertThatThrownBy(() -> topology.triggers().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> topology.errors().add(new ResourceError(FILE, 1, null, "x")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(Topology.empty().brokers()).isEmpty();
    }

    @Test
    void theBuilderTakesOnlyTheKeptKindsWithNameAndNamespace() {
        Topology.Builder builder = Topology.builder();

        assertThatThrownBy(() -> builder.put(new NamespaceBuilder().withNewMetadata().withName("cascade")
                .withNamespace("cascade").endMetadata().build(), FILE, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.put(new TriggerBuilder().withNewMetadata().withName("no-namespace")
                .endMetadata().build(), FILE, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsAndErrorsPrintTheWayKubectlNamesThings() {
        ResourceId id = new ResourceId("Trigger", "cascade", "order-placed");

        assertThat(id).hasToString("Trigger cascade/order-placed");
        assertThat(new ResourceError(Path.of("k8s/200-trigger.yaml"), 2, id, "admission webhook denied the request:"
                + " validation failed: missing field(s): spec.broker")).hasToString("k8s/200-trigger.yaml (document 2):"
                        + " Trigger cascade/order-placed: admission webhook denied the request: validation failed:"
                        + " missing field(s): spec.broker");
        assertThat(new ResourceError(Path.of("k8s"), 0, null, "no such file or directory"))
                .hasToString("k8s: no such file or directory");
    }

    private static Trigger trigger(String namespace, String name, String broker) {
        return new TriggerBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withBroker(broker).endSpec().build();
    }
}

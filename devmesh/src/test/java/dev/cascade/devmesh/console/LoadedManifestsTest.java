package dev.cascade.devmesh.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.cascade.devmesh.manifest.ResourceError;
import dev.cascade.devmesh.manifest.ResourceId;
import dev.cascade.devmesh.manifest.Topology;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1.TriggerBuilder;

class LoadedManifestsTest {

    private static final Path FILE = Path.of("knative-triggers/200.yaml");
    private static final ResourceId ORDERS = new ResourceId("Trigger", "cascade", "orders");

    @Test
    void aResourceTheNextLoadRefusesKeepsItsLastAcceptedVersionAsTheBrokerKeepsIt() {
        LoadedManifests loaded = new LoadedManifests();
        loaded.apply(Topology.builder().put(trigger("orders", "first"), FILE, 1).build());

        loaded.apply(Topology.builder().put(trigger("payments", "x"), FILE, 2)
                .error(new ResourceError(FILE, 1, ORDERS, "admission webhook denied the request")).build());

        Topology shown = loaded.topology();
        assertThat(shown.triggers()).containsOnlyKeys(ORDERS, new ResourceId("Trigger", "cascade", "payments"));
        assertThat(shown.triggers().get(ORDERS).resource().getSpec().getBroker()).isEqualTo("first");
        assertThat(shown.errors()).hasSize(1);
    }

    @Test
    void aResourceThatIsGoneWithoutARefusalIsGone() {
        LoadedManifests loaded = new LoadedManifests();
        loaded.apply(Topology.builder().put(trigger("orders", "first"), FILE, 1).build());

        loaded.apply(Topology.builder().build());

        assertThat(loaded.topology().triggers()).isEmpty();
        assertThat(new LoadedManifests().topology().brokers()).isEmpty();
    }

    private static Trigger trigger(String name, String broker) {
        return new TriggerBuilder().withNewMetadata().withName(name).withNamespace("cascade").endMetadata()
                .withNewSpec().withBroker(broker).endSpec().build();
    }
}

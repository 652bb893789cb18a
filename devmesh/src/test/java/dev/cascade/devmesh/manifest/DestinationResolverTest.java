package dev.cascade.devmesh.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.cascade.devmesh.manifest.DestinationResolver.Resolution;
import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.duck.v1.DestinationBuilder;
import io.fabric8.knative.duck.v1.KReference;
import io.fabric8.knative.eventing.v1.BrokerBuilder;
import io.fabric8.knative.serving.v1.ServiceBuilder;

class DestinationResolverTest {

    private static final URI INGRESS = URI.create("http://localhost:8080");

    private final Topology topology = Topology.builder()
            .put(new BrokerBuilder().withNewMetadata().withName("default").withNamespace("cascade").endMetadata().build(),
                    Path.of("k8s/100-broker.yaml"), 1)
            .put(new BrokerBuilder().withNewMetadata().withName("audit").withNamespace("ops").endMetadata().build(),
                    Path.of("k8s/100-broker.yaml"), 2)
            .put(new ServiceBuilder().withNewMetadata().withName("unconfigured").withNamespace("cascade").endMetadata()
                    .build(), Path.of("k8s/300-services.yaml"), 1)
            .build();

    private final Map<ResourceId, URI> configuredUrls = Map.of(
            new ResourceId("Service", "cascade", "payments"), URI.create("http://localhost:8081"),
            new ResourceId("Service", "ops", "auditor"), URI.create("http://localhost:8082/base/"),
            new ResourceId("Service", "cascade", "relative"), URI.create("/not-absolute"));

    private final DestinationResolver resolver = new DestinationResolver(topology, INGRESS,
            id -> Optional.ofNullable(configuredUrls.get(id)));

    @Test
    void anAbsoluteUriIsUsedAsGiven() {
        Resolution resolution = resolver.resolve(uri("https://audit.example.test/events?x=1"), "cascade");

        assertThat(resolution.isResolved()).isTrue();
        assertThat(resolution.uri()).hasToString("https://audit.example.test/events?x=1");
        assertThat(resolution.reason()).isNull();
    }

    @Test
    void aRelativeUriWithoutRefCannotBeResolved() {
        assertThat(resolver.resolve(uri("/events"), "cascade").reason())
                .isEqualTo("uri \"/events\" is relative and there is no ref to resolve it against");
    }

    @Test
    void aKnativeServiceRefResolvesToTheUrlTheCallerMapsItTo() {
        assertThat(resolver.resolve(ref(service("payments", null)), "cascade").uri())
                .hasToString("http://localhost:8081");
    }

    @Test
    void aRefWithoutNamespaceMeansTheNamespaceOfItsHolderAndAnExplicitOneWins() {
        assertThat(resolver.resolve(ref(service("auditor", null)), "ops").uri())
                .hasToString("http://localhost:8082/base/");
        assertThat(resolver.resolve(ref(service("auditor", "ops")), "cascade").uri())
                .hasToString("http://localhost:8082/base/");
        assertThat(resolver.resolve(ref(service("auditor", null)), "cascade").isResolved()).isFalse();
    }

    @Test
    void aKnativeServiceWithoutUrlIsUnresolvedSayingWhetherItIsInTheManifests() {
        assertThat(resolver.resolve(ref(service("unconfigured", null)), "cascade").reason())
                .isEqualTo("Knative Service cascade/unconfigured has no URL");
        assertThat(resolver.resolve(ref(service("nowhere", null)), "cascade").reason())
                .isEqualTo("Knative Service cascade/nowhere has no URL and is not in the manifests");
    }

    @Test
    void aConfiguredServiceUrlMustBeAbsolute() {
        assertThat(resolver.resolve(ref(service("relative", null)), "cascade").reason())
                .isEqualTo("the URL of Knative Service cascade/relative is not absolute: /not-absolute");
    }

    @Test
    void aBrokerRefResolvesToItsDevmeshIngressWhenTheBrokerExists() {
        assertThat(resolver.resolve(ref(broker("default", null)), "cascade").uri())
                .hasToString("http://localhost:8080/cascade/default");
        assertThat(resolver.resolve(ref(broker("audit", "ops")), "cascade").uri())
                .hasToString("http://localhost:8080/ops/audit");
    }

    @Test
    void aBrokerRefToAMissingBrokerIsUnresolved() {
        assertThat(resolver.resolve(ref(broker("default", null)), "ops").reason())
                .isEqualTo("Broker ops/default does not exist");
    }

    @Test
    void theIngressBaseMayEndWithASlash() {
        DestinationResolver slashed = new DestinationResolver(topology, URI.create("http://localhost:8080/"),
                id -> Optional.empty());

        assertThat(slashed.resolve(ref(broker("default", null)), "cascade").uri())
                .hasToString("http://localhost:8080/cascade/default");
        assertThat(slashed.brokerIngress("any", "name")).hasToString("http://localhost:8080/any/name");
    }

    @Test
    void aRefWithARelativeUriResolvesItAgainstTheRefsUrlLikeGo() {
        assertThat(resolver.resolve(refAndUri(service("payments", null), "/extra/path"), "cascade").uri())
                .hasToString("http://localhost:8081/extra/path");
        assertThat(resolver.resolve(refAndUri(service("auditor", "ops"), "events?v=1"), "cascade").uri())
                .hasToString("http://localhost:8082/base/events?v=1");
        assertThat(resolver.resolve(refAndUri(service("auditor", "ops"), "../up"), "cascade").uri())
                .hasToString("http://localhost:8082/up");
        assertThat(resolver.resolve(refAndUri(broker("default", null), "extra"), "cascade").uri())
                .hasToString("http://localhost:8080/cascade/extra");
    }

    @Test
    void aRefWithAnAbsoluteUriIsUnresolved() {
        assertThat(resolver.resolve(refAndUri(service("payments", null), "http://elsewhere/"), "cascade").reason())
                .isEqualTo("an absolute uri (\"http://elsewhere/\") is not allowed together with a ref");
    }

    @Test
    void aRefThatCannotBeResolvedIsUnresolvedEvenWithAUri() {
        assertThat(resolver.resolve(refAndUri(broker("missing", null), "/x"), "cascade").reason())
                .isEqualTo("Broker cascade/missing does not exist");
    }

    @Test
    void otherKindsAndVersionsAreUnresolvedWithAReason() {
        assertThat(resolver.resolve(ref(reference("v1", "Service", "payments", null)), "cascade").reason())
                .startsWith("Service cascade/payments (v1) is a Kubernetes Service, which devmesh cannot address");
        assertThat(resolver.resolve(ref(reference("messaging.knative.dev/v1", "InMemoryChannel", "c", null)),
                "cascade").reason()).isEqualTo("InMemoryChannel cascade/c (messaging.knative.dev/v1) is not"
                        + " addressable in devmesh: it resolves refs to Knative Services (serving.knative.dev/v1)"
                        + " and Brokers (eventing.knative.dev/v1)");
        assertThat(resolver.resolve(ref(reference("serving.knative.dev/v1beta1", "Service", "payments", null)),
                "cascade").isResolved()).isFalse();
        assertThat(resolver.resolve(ref(reference("eventing.knative.dev/v1beta1", "Broker", "default", null)),
                "cascade").isResolved()).isFalse();
    }

    @Test
    void anEmptyOrIncompleteDestinationIsUnresolved() {
        assertThat(resolver.resolve(null, "cascade").reason()).isEqualTo("the destination has neither ref nor uri");
        assertThat(resolver.resolve(new Destination(), "cascade").reason())
                .isEqualTo("the destination has neither ref nor uri");
        assertThat(resolver.resolve(ref(reference("serving.knative.dev/v1", "Service", null, null)), "cascade")
                .reason()).isEqualTo("the ref needs a kind and a name");
        assertThat(resolver.resolve(uri("http://bad host/"), "cascade").reason())
                .isEqualTo("uri \"http://bad host/\" is not a valid URI");
    }

    @Test
    void aResolutionHasExactlyOneOfUriAndReason() {
        assertThatThrownBy(() -> new Resolution(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resolution(INGRESS, "both")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Resolution.unresolved("why").isResolved()).isFalse();
    }

    @Test
    void theIngressBaseMustBeAbsolute() {
        assertThatThrownBy(() -> new DestinationResolver(topology, URI.create("/relative"), id -> Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Destination uri(String uri) {
        return new DestinationBuilder().withUri(uri).build();
    }

    private static Destination ref(KReference ref) {
        return new DestinationBuilder().withRef(ref).build();
    }

    private static Destination refAndUri(KReference ref, String uri) {
        return new DestinationBuilder().withRef(ref).withUri(uri).build();
    }

    private static KReference service(String name, String namespace) {
        return reference("serving.knative.dev/v1", "Service", name, namespace);
    }

    private static KReference broker(String name, String namespace) {
        return reference("eventing.knative.dev/v1", "Broker", name, namespace);
    }

    private static KReference reference(String apiVersion, String kind, String name, String namespace) {
        KReference ref = new KReference();
        ref.setApiVersion(apiVersion);
        ref.setKind(kind);
        ref.setName(name);
        ref.setNamespace(namespace);
        return ref;
    }
}

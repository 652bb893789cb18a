package dev.cascade.devmesh.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;

class ManifestLoaderTest {

    private final ManifestLoader loader = new ManifestLoader("cascade", List.of());

    @TempDir
    Path dir;

    @Test
    void loadsEveryKeptKindFromANumberedDirectoryTreeAndIgnoresTheRest() {
        Path root = fixture("cascade");

        Topology topology = loader.load(List.of(root));

        assertThat(topology.errors()).isEmpty();
        assertThat(topology.brokers()).containsOnlyKeys(new ResourceId("Broker", "cascade", "default"));
        assertThat(topology.triggers()).containsOnlyKeys(new ResourceId("Trigger", "cascade", "order-placed"),
                new ResourceId("Trigger", "cascade", "audit-all"));
        assertThat(topology.services()).containsOnlyKeys(new ResourceId("Service", "cascade", "payments"));
        assertThat(topology.configMaps()).containsOnlyKeys(
                new ResourceId("ConfigMap", "cascade", "kafka-broker-config"));
        assertThat(topology.secrets()).containsOnlyKeys(new ResourceId("Secret", "cascade", "payments-credentials"));

        LoadedResource<Trigger> audit = topology.triggers().get(new ResourceId("Trigger", "cascade", "audit-all"));
        assertThat(audit.file()).isEqualTo(root.resolve("200-triggers.yaml"));
        assertThat(audit.documentIndex()).isEqualTo(2);
        assertThat(audit.resource().getSpec().getSubscriber().getUri()).isEqualTo("http://audit.example.test/events");
        assertThat(topology.services().get(new ResourceId("Service", "cascade", "payments")).file())
                .isEqualTo(root.resolve("functions/300-payments.yml"));
        assertThat(topology.broker("cascade", "default").orElseThrow().getSpec().getDelivery().getRetry())
                .isEqualTo(5);
    }

    @Test
    void walksDirectoriesDepthFirstInNameOrderKeepingOnlyYamlAndYml() throws IOException {
        write("100-first.yaml", configMap("order", "first"));
        write("150-directory/001-nested.yml", configMap("order", "nested"));
        write("200-last.yml", configMap("order", "last") + "---\n" + configMap("nested-only", "x"));
        write("300-ignored.txt", configMap("order", "text file"));
        write("300-ignored.json", "{}");
        write(".400-hidden.yaml", configMap("order", "hidden"));
        write(".hidden-directory/500.yaml", configMap("order", "hidden directory"));

        Topology topology = loader.load(List.of(dir));

        assertThat(topology.errors()).isEmpty();
        LoadedResource<ConfigMap> order = topology.configMaps().get(new ResourceId("ConfigMap", "cascade", "order"));
        assertThat(order.resource().getData()).containsEntry("value", "last");
        assertThat(order.file()).isEqualTo(dir.resolve("200-last.yml"));
        assertThat(order.documentIndex()).isEqualTo(1);
    }

    @Test
    void aSubDirectoryAppliesAtItsPlaceAmongTheFiles() throws IOException {
        write("100-first.yaml", configMap("order", "first"));
        write("150-directory/001-nested.yml", configMap("order", "nested"));

        Topology topology = loader.load(List.of(dir));

        assertThat(topology.configMap("cascade", "order").orElseThrow().getData()).containsEntry("value", "nested");
    }

    @Test
    void rootsApplyInTheOrderGivenAndAnExplicitFileIsReadWhateverItsName() throws IOException {
        Path text = write("b/override.txt", configMap("order", "explicit file"));
        write("a/100.yaml", configMap("order", "directory"));

        Topology topology = loader.load(List.of(dir.resolve("a"), text));

        assertThat(topology.configMap("cascade", "order").orElseThrow().getData())
                .containsEntry("value", "explicit file");
    }

    @Test
    void emptyAndCommentOnlyDocumentsAreSkippedAndNotCounted() throws IOException {
        Path file = write("multi.yaml", """
                # A header comment, then a separator: the first document is empty.
                ---
                ---   # a separator may carry a comment
                %s
                ---
                # only a comment
                ---
                %s
                ...
                """.formatted(configMap("one", "1"), configMap("two", "2")));

        Topology topology = loader.load(List.of(file));

        assertThat(topology.errors()).isEmpty();
        assertThat(topology.configMaps().get(new ResourceId("ConfigMap", "cascade", "one")).documentIndex())
                .isEqualTo(1);
        assertThat(topology.configMaps().get(new ResourceId("ConfigMap", "cascade", "two")).documentIndex())
                .isEqualTo(2);
    }

    @Test
    void documentsWithoutNamespaceGetTheDefaultOneAndKeepTheirOwnOtherwise() throws IOException {
        Path file = write("ns.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: defaulted
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: explicit
                  namespace: other
                """);

        Topology topology = new ManifestLoader("dev", List.of()).load(List.of(file));

        assertThat(topology.configMap("dev", "defaulted")).get()
                .satisfies(configMap -> assertThat(configMap.getMetadata().getNamespace()).isEqualTo("dev"));
        assertThat(topology.configMap("other", "explicit")).isPresent();
        assertThat(topology.configMap("dev", "explicit")).isEmpty();
    }

    @Test
    void aListIsAppliedItemByItemAndARefusedItemIsNamedByItsIndex() {
        Path file = fixture("list.yaml");

        Topology topology = loader.load(List.of(file));

        assertThat(topology.triggers()).containsOnlyKeys(new ResourceId("Trigger", "cascade", "first"));
        assertThat(topology.configMap("cascade", "third")).isPresent();
        assertThat(topology.triggers().get(new ResourceId("Trigger", "cascade", "first")).documentIndex())
                .isEqualTo(1);
        assertThat(topology.errors()).singleElement().satisfies(error -> {
            assertThat(error.resource()).isEqualTo(new ResourceId("Trigger", "cascade", "second"));
            assertThat(error.message()).startsWith("items[1]: admission webhook denied the request")
                    .contains("missing field(s): spec.broker");
        });
    }

    @Test
    void aTypedListIsAppliedLikeAPlainList() throws IOException {
        Path file = write("typed-list.yaml", """
                apiVersion: v1
                kind: ConfigMapList
                items:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: from-typed-list}
                """);

        assertThat(loader.load(List.of(file)).configMap("cascade", "from-typed-list")).isPresent();
    }

    @Test
    void aLaterDocumentReplacesAnEarlierOneWithTheSameKindNamespaceAndName() throws IOException {
        write("100.yaml", configMap("settings", "old") + "---\n" + configMap("untouched", "x"));
        write("200.yaml", configMap("settings", "new"));

        Topology topology = loader.load(List.of(dir));

        assertThat(topology.configMap("cascade", "settings").orElseThrow().getData()).containsEntry("value", "new");
        assertThat(topology.configMaps().get(new ResourceId("ConfigMap", "cascade", "settings")).file())
                .isEqualTo(dir.resolve("200.yaml"));
        assertThat(topology.configMap("cascade", "untouched")).isPresent();
    }

    @Test
    void sameNameInAnotherKindOrNamespaceIsAnotherResource() throws IOException {
        write("100.yaml", configMap("shared", "a") + """
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: shared
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: shared
                  namespace: elsewhere
                """);

        Topology topology = loader.load(List.of(dir));

        assertThat(topology.configMaps()).hasSize(2);
        assertThat(topology.secret("cascade", "shared")).isPresent();
    }

    @Test
    void aRefusedLaterVersionLeavesTheEarlierOneInPlaceAsTheClusterWould() throws IOException {
        write("100.yaml", configMap("settings", "good"));
        write("200.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  value: 42
                """);

        Topology topology = loader.load(List.of(dir));

        assertThat(topology.configMap("cascade", "settings").orElseThrow().getData()).containsEntry("value", "good");
        assertThat(topology.errors()).singleElement()
                .satisfies(error -> assertThat(error.file()).isEqualTo(dir.resolve("200.yaml")));
    }

    @Test
    void oneBrokenDocumentDoesNotHideTheGoodOnesAroundIt() {
        Path file = fixture("mixed.yaml");

        Topology topology = loader.load(List.of(file));

        assertThat(topology.configMap("cascade", "before")).isPresent();
        assertThat(topology.configMap("cascade", "after")).isPresent();
        assertThat(topology.configMaps().get(new ResourceId("ConfigMap", "cascade", "after")).documentIndex())
                .isEqualTo(3);
        assertThat(topology.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo(file);
            assertThat(error.documentIndex()).isEqualTo(2);
            assertThat(error.resource()).isNull();
            assertThat(error.message()).startsWith("YAML does not parse: line 1");
        });
    }

    @Test
    void kindsMeantForARealClusterAreIgnoredSilently() throws IOException {
        Path file = write("cluster.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata: {name: cascade}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: kubernetes-service}
                spec: {ports: [{port: 80}]}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny-all}
                spec: {podSelector: {}, whatever: true}
                ---
                apiVersion: messaging.knative.dev/v1
                kind: InMemoryChannel
                metadata: {name: channel}
                ---
                apiVersion: eventing.knative.dev/v1alpha1
                kind: EventPolicy
                metadata: {name: policy}
                ---
                apiVersion: example.test/v1
                kind: Broker
                metadata: {name: somebody-elses-broker}
                """);

        Topology topology = loader.load(List.of(file));

        assertThat(topology.errors()).isEmpty();
        assertThat(topology.brokers()).isEmpty();
        assertThat(topology.services()).isEmpty();
    }

    @Test
    void aSecretKeepsItsDataAndStringDataIsFoldedIntoItAsTheApiserverStoresIt() {
        Topology topology = loader.load(List.of(fixture("cascade")));

        Secret secret = topology.secret("cascade", "payments-credentials").orElseThrow();
        assertThat(secret.getData()).containsEntry("username", "ZGV2bWVzaA==")
                .containsEntry("password", Base64.getEncoder().encodeToString("not-a-real-password".getBytes()));
        assertThat(secret.getStringData()).isNullOrEmpty();
    }

    @Test
    void aMissingRootIsAnErrorAndTheOtherRootsStillLoad() throws IOException {
        Path good = write("good.yaml", configMap("good", "x"));
        Path missing = dir.resolve("missing");

        Topology topology = loader.load(List.of(missing, good));

        assertThat(topology.configMap("cascade", "good")).isPresent();
        assertThat(topology.errors()).singleElement()
                .hasToString(missing + ": no such file or directory");
    }

    @Test
    void aFileThatIsNotUtf8IsAnError() throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});

        Topology topology = loader.load(List.of(file));

        assertThat(topology.errors()).singleElement().hasToString(file + ": not UTF-8 text");
    }

    @Test
    void nothingToLoadGivesAnEmptyTopology() {
        Topology topology = loader.load(List.of(dir));

        assertThat(topology.errors()).isEmpty();
        assertThat(topology.brokers()).isEmpty();
        assertThat(topology.triggers()).isEmpty();
    }

    static String configMap(String name, String value) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                  value: "%s"
                """.formatted(name, value);
    }

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    static Path fixture(String name) {
        try {
            return Path.of(ManifestLoaderTest.class.getResource("/manifests/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

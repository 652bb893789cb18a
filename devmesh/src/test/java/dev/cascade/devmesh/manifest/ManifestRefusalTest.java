package dev.cascade.devmesh.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.knative.eventing.v1.Trigger;

/** Every document a cluster would refuse is refused, named by file, document and resource, and left out. */
class ManifestRefusalTest {

    private static final String WEBHOOK = "admission webhook denied the request: validation failed: ";

    @TempDir
    Path dir;

    private Path file;

    @Test
    void aRefusalReadsLikeTheWebhookRefusalNamingFileDocumentAndResource() throws IOException {
        Topology topology = load(configMapDocument("first") + "---\n" + trigger("order-placed", """
                spec:
                  subscriber:
                    uri: http://payments.example.test
                """));

        assertThat(topology.errors()).singleElement().hasToString(file + " (document 2): Trigger cascade/order-placed: "
                + WEBHOOK + "missing field(s): spec.broker");
        assertThat(topology.triggers()).isEmpty();
        assertThat(topology.configMap("cascade", "first")).isPresent();
    }

    @Test
    void unparseableYamlIsRefusedWithItsFileLineAndTheOtherDocumentsStillLoad() throws IOException {
        Topology topology = load(configMapDocument("first") + """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                	name: tab-indented
                ---
                """ + configMapDocument("third"));

        assertThat(topology.configMaps()).hasSize(2);
        assertThat(topology.errors()).singleElement().satisfies(error -> {
            assertThat(error.documentIndex()).isEqualTo(2);
            assertThat(error.resource()).isNull();
            assertThat(error.toString()).startsWith(file + " (document 2): YAML does not parse: line 9, column 1: ");
        });
    }

    @Test
    void aDuplicateKeyIsRefusedAsKubectlRefusesIt() throws IOException {
        Topology topology = load("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: twice
                  name: again
                """);

        assertThat(topology.configMaps()).isEmpty();
        assertThat(topology.errors()).singleElement().extracting(ResourceError::message)
                .isEqualTo("YAML does not parse: line 5: mapping key \"name\" already defined at line 4");
    }

    @Test
    void aDocumentThatIsNotAnObjectOrLacksApiVersionOrKindIsRefused() throws IOException {
        Topology topology = load("""
                - a list, not an object
                ---
                kind: ConfigMap
                metadata: {name: no-api-version}
                ---
                metadata: {name: nothing}
                """);

        assertThat(topology.errors()).extracting(ResourceError::message).containsExactly(
                "not a Kubernetes object: expected a mapping with apiVersion, kind and metadata",
                "error validating data: apiVersion not set",
                "error validating data: apiVersion not set, kind not set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventing.knative.dev/v1beta1", "eventing.knative.dev/v1alpha1"})
    void aTriggerOfAnOldApiVersionIsRefusedWithTheVersionToUse(String apiVersion) throws IOException {
        Topology topology = load(trigger("old", validTriggerSpec()).replace("eventing.knative.dev/v1", apiVersion));

        assertThat(topology.triggers()).isEmpty();
        assertThat(topology.errors()).singleElement().hasToString(file + " (document 1): Trigger cascade/old: "
                + "no matches for kind \"Trigger\" in version \"" + apiVersion + "\": use eventing.knative.dev/v1");
    }

    @Test
    void oldApiVersionsOfBrokersAndKnativeServicesAreRefusedToo() throws IOException {
        Topology topology = load("""
                apiVersion: eventing.knative.dev/v1beta1
                kind: Broker
                metadata: {name: old-broker}
                ---
                apiVersion: serving.knative.dev/v1alpha1
                kind: Service
                metadata: {name: old-service}
                """);

        assertThat(topology.errors()).extracting(ResourceError::message).containsExactly(
                "no matches for kind \"Broker\" in version \"eventing.knative.dev/v1beta1\": use eventing.knative.dev/v1",
                "no matches for kind \"Service\" in version \"serving.knative.dev/v1alpha1\": use serving.knative.dev/v1");
    }

    @Test
    void unknownFieldsAnywhereAreRefusedWithTheirJsonPaths() throws IOException {
        Topology topology = load(trigger("typos", """
                  annotation:
                    oops: "1"
                spec:
                  broker: default
                  filters:
                    - exact: {type: dev.example.order.placed.v1}
                    - exakt: {type: dev.example.order.placed.v1}
                  subscriber:
                    ref:
                      apiVersion: serving.knative.dev/v1
                      kind: Service
                      name: payments
                      nmespace: cascade
                  deliver:
                    retry: 3
                """));

        assertThat(topology.triggers()).isEmpty();
        assertThat(topology.errors()).singleElement().extracting(ResourceError::message).isEqualTo(
                "strict decoding error: unknown field \"metadata.annotation\", unknown field \"spec.deliver\","
                        + " unknown field \"spec.filters[1].exakt\", unknown field \"spec.subscriber.ref.nmespace\"");
    }

    @Test
    void unknownFieldsDeepInAKnativeServicePodSpecAreRefused() throws IOException {
        Topology topology = load("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: payments}
                spec:
                  template:
                    spec:
                      containers:
                        - image: registry.example.test/payments
                          port: 8080
                """);

        assertThat(topology.errors()).singleElement().extracting(ResourceError::message)
                .isEqualTo("strict decoding error: unknown field \"spec.template.spec.containers[0].port\"");
    }

    @Test
    void aValueOfTheWrongJsonTypeIsRefusedAsGoWouldRefuseIt() throws IOException {
        Topology topology = load("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: unquoted}
                data:
                  partitions: 10
                ---
                """ + trigger("quoted-retry", """
                spec:
                  broker: default
                  subscriber: {uri: "http://payments.example.test"}
                  delivery:
                    retry: "3"
                """));

        assertThat(topology.errors()).extracting(ResourceError::message).containsExactly(
                "decoding error: data[partitions]: expected string, got number 10",
                "decoding error: spec.delivery.retry: expected integer, got string \"3\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"generateName: broker-", "name: ~", "name: \"\""})
    void aResourceWithoutNameIsRefused(String metadata) throws IOException {
        Topology topology = load("""
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata:
                  %s
                """.formatted(metadata));

        assertThat(topology.brokers()).isEmpty();
        assertThat(topology.errors()).singleElement().satisfies(error -> {
            assertThat(error.resource()).isNull();
            assertThat(error.message()).startsWith("Broker without a name: metadata.name: Required value");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Order-Placed", "order_placed", "-order", "order.", "order..placed"})
    void aNameThatIsNotADns1123SubdomainIsRefused(String name) throws IOException {
        Topology topology = load(trigger(name, validTriggerSpec()));

        assertThat(topology.triggers()).isEmpty();
        assertThat(topology.errors()).singleElement().extracting(ResourceError::message).asString()
                .startsWith("metadata.name: Invalid value: \"" + name + "\": a lowercase RFC 1123 subdomain");
    }

    @Test
    void aSubdomainNameWithDotsOrALeadingDigitIsAcceptedForATrigger() throws IOException {
        Topology topology = load(trigger("v1.order-placed", validTriggerSpec()) + "---\n"
                + trigger("1st-order", validTriggerSpec()));

        assertThat(topology.errors()).isEmpty();
        assertThat(topology.triggers()).hasSize(2);
    }

    @Test
    void aNameLongerThan253CharactersIsRefused() throws IOException {
        String name = "a".repeat(254);

        Topology topology = load(configMapDocument(name));

        assertThat(topology.errors()).singleElement().extracting(ResourceError::message).asString()
                .contains("must be no more than 253 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1payments", "pay.ments", "payments-is-a-name-far-too-long-for-a-dns-label-of-sixty-three-c"})
    void aKnativeServiceNameMustBeADns1035LabelBecauseItBecomesAHostName(String name) throws IOException {
        Topology topology = load("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: %s}
                """.formatted(name));

        assertThat(topology.services()).isEmpty();
        assertThat(topology.errors()).singleElement().extracting(ResourceError::message).asString()
                .startsWith("metadata.name: Invalid value: \"" + name + "\": ");
    }

    @Test
    void aNamespaceThatIsNotADns1123LabelIsRefused() throws IOException {
        Topology topology = load("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: Cascade}
                """);

        assertThat(topology.errors()).singleElement().satisfies(error -> {
            assertThat(error.resource()).isEqualTo(new ResourceId("ConfigMap", "Cascade", "settings"));
            assertThat(error.message()).startsWith("metadata.namespace: Invalid value: \"Cascade\": a lowercase RFC 1123 label");
        });
    }

    @Test
    void badConfigMapKeysAndSecretDataThatIsNotBase64AreRefused() throws IOException {
        Topology topology = load("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data:
                  "with space": x
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: credentials}
                data:
                  password: not base64!
                """);

        assertThat(topology.errors()).extracting(ResourceError::message).containsExactly(
                "data[with space]: Invalid value: \"with space\": a valid config key must consist of alphanumeric"
                        + " characters, '-', '_' or '.' (e.g. 'key.name', 'KEY_NAME' or 'key-name')",
                "data[password]: illegal base64 data");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "eventing.knative.dev/broker.class: MTChannelBasedBroker",
        "eventing.knative.dev/broker.class: Kafka"})
    void aBrokerOfASupportedClassIsAccepted(String annotation) throws IOException {
        Topology topology = load(broker("default", annotation));

        assertThat(topology.errors()).isEmpty();
        assertThat(topology.broker("cascade", "default")).isPresent();
    }

    @Test
    void aBrokerOfAClassDevmeshDoesNotImplementIsRefused() throws IOException {
        Topology topology = load(broker("rabbit", "eventing.knative.dev/broker.class: RabbitMQBroker"));

        assertThat(topology.brokers()).isEmpty();
        assertThat(topology.errors()).singleElement().extracting(ResourceError::message).asString()
                .startsWith(WEBHOOK + "invalid value: RabbitMQBroker: metadata.annotations[eventing.knative.dev/broker.class]:"
                        + " unsupported broker class \"RabbitMQBroker\"");
    }

    @Test
    void aBrokerConfigRefNeedsKindNameAndApiVersion() throws IOException {
        Topology topology = load(broker("default", "") + """
                spec:
                  config:
                    name: kafka-broker-config
                """);

        assertThat(topology.errors()).singleElement().extracting(ResourceError::message)
                .isEqualTo(WEBHOOK + "missing field(s): spec.config.kind, spec.config.apiVersion");
    }

    @Test
    void aTriggerNeedsASubscriber() throws IOException {
        Topology topology = load(trigger("no-subscriber", "spec:\n  broker: default\n") + "---\n"
                + trigger("empty-subscriber", "spec:\n  broker: default\n  subscriber: {}\n"));

        assertThat(topology.errors()).extracting(ResourceError::message).containsOnly(
                WEBHOOK + "expected at least one, got none: spec.subscriber.ref, spec.subscriber.uri");
        assertThat(topology.errors()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/events", "payments", "http:///no-host", "mailto:ops@example.test"})
    void aSubscriberUriAloneMustBeAbsoluteWithAHost(String uri) throws IOException {
        Topology topology = load(trigger("relative", subscriber("uri: \"" + uri + "\"")));

        assertThat(topology.errors()).singleElement().extracting(ResourceError::message).isEqualTo(WEBHOOK
                + "invalid value: relative URI is not allowed when ref is absent: spec.subscriber.uri");
    }

    @Test
    void aSubscriberRefMayCarryARelativeUriButNotAnAbsoluteOne() throws IOException {
        Topology topology = load(trigger("ref-and-path", subscriber("""
                    ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: payments}
                    uri: /extra/path
                """)) + "---\n" + trigger("ref-and-absolute", subscriber("""
                    ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: payments}
                    uri: http://elsewhere.example.test/
                """)));

        assertThat(topology.triggers()).containsOnlyKeys(new ResourceId("Trigger", "cascade", "ref-and-path"));
        assertThat(topology.errors()).singleElement().extracting(ResourceError::message).isEqualTo(WEBHOOK
                + "absolute URI is not allowed when ref is present: spec.subscriber.ref, spec.subscriber.uri");
    }

    @Test
    void aSubscriberRefNeedsKindNameAndApiVersionAndNoGroup() throws IOException {
        Topology topology = load(trigger("incomplete-ref", subscriber("ref: {name: payments}")) + "---\n"
                + trigger("group-ref", subscriber(
                        "ref: {group: serving.knative.dev, apiVersion: serving.knative.dev/v1, kind: Service, name: p}")));

        assertThat(topology.errors()).extracting(ResourceError::message).containsExactly(
                WEBHOOK + "missing field(s): spec.subscriber.ref.kind, spec.subscriber.ref.apiVersion",
                WEBHOOK + "disallowed field(s): spec.subscriber.ref.group: the kreference-group feature is not enabled");
    }

    @Test
    void aTriggerMayNameABrokerThatDoesNotExistBecauseKnativeAcceptsIt() throws IOException {
        Topology topology = load(trigger("early", validTriggerSpec().replace("broker: default", "broker: not-yet")));

        assertThat(topology.errors()).isEmpty();
        assertThat(topology.triggersOf("cascade", "not-yet")).extracting(t -> t.getMetadata().getName())
                .containsExactly("early");
    }

    @Test
    void aBrokerRefIsRefusedBecauseItNeedsAFeatureDevmeshDoesNotEnable() throws IOException {
        Topology topology = load(trigger("by-ref", """
                spec:
                  brokerRef: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: default}
                  subscriber: {uri: "http://payments.example.test"}
                """) + "---\n" + trigger("both", """
                spec:
                  broker: default
                  brokerRef: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: default}
                  subscriber: {uri: "http://payments.example.test"}
                """));

        assertThat(topology.errors()).extracting(ResourceError::message).containsExactly(
                WEBHOOK + "disallowed field(s): spec.brokerRef: devmesh does not enable the"
                        + " cross-namespace-event-links feature, so name the broker with spec.broker",
                WEBHOOK + "expected exactly one, got both: spec.broker, spec.brokerRef");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordered", "unordered", "Ordered"})
    void theKafkaDeliveryOrderAnnotationAcceptsOrderedAndUnorderedInAnyCase(String order) throws IOException {
        Topology topology = load(trigger("ordered", validTriggerSpec(), "kafka.eventing.knative.dev/delivery.order: " + order));

        assertThat(topology.errors()).isEmpty();
    }

    @Test
    void anyOtherKafkaDeliveryOrderIsRefused() throws IOException {
        Topology topology = load(trigger("fifo", validTriggerSpec(), "kafka.eventing.knative.dev/delivery.order: fifo"));

        assertThat(topology.triggers()).isEmpty();
        assertThat(topology.errors()).singleElement().extracting(ResourceError::message).isEqualTo(WEBHOOK
                + "invalid value: fifo: metadata.annotations[kafka.eventing.knative.dev/delivery.order]:"
                + " allowed values are \"ordered\" and \"unordered\"");
    }

    @Test
    void autoscalingAnnotationsOnAKnativeServiceItselfAreRefused() throws IOException {
        Topology topology = load("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: payments
                  annotations:
                    autoscaling.knative.dev/min-scale: "1"
                """);

        assertThat(topology.errors()).singleElement().extracting(ResourceError::message).asString()
                .startsWith(WEBHOOK + "invalid key name \"autoscaling.knative.dev/min-scale\": metadata.annotations:");
    }

    @Test
    void extraValidatorsSeeEveryKeptResourceAndTheirMessagesRefuseIt() throws IOException {
        List<Object> seen = new ArrayList<>();
        ResourceValidator recorder = resource -> {
            seen.add(resource);
            return List.of();
        };
        ResourceValidator filters = resource -> resource instanceof Trigger trigger
                && "strict".equals(trigger.getMetadata().getName())
                        ? List.of("multiple dialects found: spec.filters[0]", "invalid value: x: spec.filters[1].cesql")
                        : List.of();
        writeFile(broker("default", "") + "---\n" + configMapDocument("settings") + "---\n"
                + trigger("strict", validTriggerSpec()) + "---\n" + trigger("lenient", validTriggerSpec()));

        Topology topology = new ManifestLoader("cascade", List.of(recorder, filters)).load(List.of(file));

        assertThat(seen).hasSize(4);
        assertThat(topology.triggers()).containsOnlyKeys(new ResourceId("Trigger", "cascade", "lenient"));
        assertThat(topology.errors()).singleElement().hasToString(file + " (document 3): Trigger cascade/strict: "
                + WEBHOOK + "multiple dialects found: spec.filters[0]; invalid value: x: spec.filters[1].cesql");
    }

    @Test
    void aValidatorThatThrowsRefusesOnlyTheResourceItFailedOn() throws IOException {
        ResourceValidator fragile = resource -> {
            if (resource instanceof Trigger) {
                throw new IllegalStateException("boom");
            }
            return List.of();
        };
        writeFile(broker("default", "") + "---\n" + trigger("victim", validTriggerSpec()));

        Topology topology = new ManifestLoader("cascade", List.of(fragile)).load(List.of(file));

        assertThat(topology.broker("cascade", "default")).isPresent();
        assertThat(topology.errors()).singleElement().extracting(ResourceError::message).asString()
                .contains("failed: java.lang.IllegalStateException: boom");
    }

    @Test
    void validatorMessagesAndKnativesOwnChecksMakeOneRefusal() throws IOException {
        writeFile(trigger("no-broker", "spec:\n  subscriber:\n    uri: http://payments.example.test\n"));

        Topology topology = new ManifestLoader("cascade", List.of(resource -> List.of("invalid value: x: spec.filters")))
                .load(List.of(file));

        assertThat(topology.errors()).singleElement().extracting(ResourceError::message)
                .isEqualTo(WEBHOOK + "missing field(s): spec.broker; invalid value: x: spec.filters");
    }

    @Test
    void validatorsDoNotRunOnAResourceThatDidNotDecodeOrIsBadlyNamed() throws IOException {
        List<Object> seen = new ArrayList<>();
        writeFile(trigger("typo", validTriggerSpec() + "  brokr: default\n") + "---\n"
                + trigger("Bad_Name", validTriggerSpec()) + "---\n" + trigger("fine", validTriggerSpec()));

        Topology topology = new ManifestLoader("cascade", List.of(resource -> {
            seen.add(resource);
            return List.of();
        })).load(List.of(file));

        assertThat(topology.errors()).hasSize(2);
        assertThat(seen).singleElement().isInstanceOfSatisfying(Trigger.class,
                trigger -> assertThat(trigger.getMetadata().getName()).isEqualTo("fine"));
    }

    @Test
    void aNamelessResourceThatDoesNotDecodeIsNamedByItsKind() throws IOException {
        Topology topology = load("""
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {}
                spec: {broker: 7}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: 123}
                """);

        assertThat(topology.errors()).extracting(ResourceError::toString).containsExactly(
                file + " (document 1): Trigger without a name: decoding error: spec.broker: expected string, got number 7",
                file + " (document 2): ConfigMap cascade/123: decoding error: metadata.name: expected string, got number 123");
    }

    private Topology load(String yaml) throws IOException {
        writeFile(yaml);
        return new ManifestLoader("cascade", List.of()).load(List.of(file));
    }

    private void writeFile(String yaml) throws IOException {
        file = Files.writeString(dir.resolve("manifest.yaml"), yaml);
    }

    private static String configMapDocument(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n";
    }

    private static String broker(String name, String annotation) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata:
                  name: %s
                  annotations: {%s}
                """.formatted(name, annotation);
    }

    private static String trigger(String name, String rest) {
        return trigger(name, rest, "");
    }

    /** @param rest more metadata fields, indented by two, and/or the spec */
    private static String trigger(String name, String rest, String annotation) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: %s
                  annotations: {%s}
                """.formatted(name, annotation) + rest;
    }

    private static String validTriggerSpec() {
        return subscriber("uri: http://payments.example.test");
    }

    private static String subscriber(String destination) {
        return "spec:\n  broker: default\n  subscriber:\n" + destination.lines().map(line -> "    " + line.strip() + "\n")
                .reduce("", String::concat);
    }
}

package dev.cascade.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.cascade.deploy.manifests.StrictManifests;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.sources.v1.SinkBinding;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** helm lint --strict and helm template of helm/cascade, in-process through helm-java (no helm binary). */
class HelmChartTest {

    static final Path CHART = Path.of("../helm/cascade");
    static final Path STAGING = CHART.resolve("values-staging.yaml");
    static final Path K8S = Path.of("../k8s");
    static final Path TRIGGERS = Path.of("../knative-triggers");
    static final String NAMESPACE = "cascade";

    @TempDir
    Path temp;

    @Test
    void lintStrictIsCleanWithDefaultValues() {
        assertClean(new Helm(CHART).lint().strict().call());
    }

    @Test
    void lintStrictIsCleanWithStagingValues() throws IOException {
        // helm-java's lint takes no values file: lint a copy whose values.yaml is values.yaml with values-staging.yaml
        // merged over it, as helm merges -f files.
        Path chart = copyChart(temp.resolve("cascade"));
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode merged = (ObjectNode) yaml.readTree(CHART.resolve("values.yaml").toFile());
        yaml.readerForUpdating(merged).readValue(STAGING.toFile());
        yaml.writeValue(chart.resolve("values.yaml").toFile(), merged);
        assertThat(merged.at("/broker/class").asText()).isEqualTo("Kafka");

        assertClean(new Helm(chart).lint().strict().call());
    }

    @Test
    void templateWithDefaultValuesParsesStrictlyAndDeploysWhatK8sDoes() {
        List<HasMetadata> rendered = StrictManifests.parse(template(CHART, null), "helm template (default values)");

        assertThat(rendered).allMatch(r -> NAMESPACE.equals(r.getMetadata().getNamespace()));
        Broker broker = only(rendered, Broker.class);
        assertThat(broker.getMetadata().getAnnotations()).containsEntry("eventing.knative.dev/broker.class", "MTChannelBasedBroker");
        assertThat(broker.getSpec().getConfig()).isNull();
        assertThat(broker.getSpec().getDelivery()).isEqualTo(k8sBroker().getSpec().getDelivery());
        assertThat(names(rendered, Service.class)).containsExactlyInAnyOrderElementsOf(names(k8s(), Service.class));
        assertThat(names(rendered, Secret.class)).containsExactly("cascade-postgres");
        assertThat(names(rendered, ConfigMap.class)).containsExactly("cascade-config");
        assertThat(rendered).noneMatch(GenericKubernetesResource.class::isInstance);
        SinkBinding sinkBinding = only(rendered, SinkBinding.class);
        assertThat(sinkBinding.getSpec().getSink().getRef().getName()).isEqualTo(broker.getMetadata().getName());
        assertThat(rendered).filteredOn(Service.class::isInstance).allSatisfy(service -> assertThat(
                service.getMetadata().getLabels()).containsAllEntriesOf(sinkBinding.getSpec().getSubject().getSelector().getMatchLabels()));
    }

    @Test
    void knativeServicesOfDefaultValuesMatchK8s() {
        Map<String, Service> rendered = byName(StrictManifests.parse(template(CHART, null), "helm template"), Service.class);
        Map<String, Service> k8s = byName(k8s(), Service.class);

        k8s.forEach((name, expected) -> {
            Service actual = rendered.get(name);
            assertThat(actual.getMetadata().getAnnotations().get("cascade.dev/emits").replaceAll("\\s", ""))
                    .as(name).isEqualTo(expected.getMetadata().getAnnotations().get("cascade.dev/emits").replaceAll("\\s", ""));
            assertThat(actual.getSpec().getTemplate().getMetadata().getAnnotations())
                    .as(name).isEqualTo(expected.getSpec().getTemplate().getMetadata().getAnnotations());
            var actualContainer = actual.getSpec().getTemplate().getSpec().getContainers().get(0);
            var expectedContainer = expected.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(actualContainer.getImage()).as(name).isEqualTo(expectedContainer.getImage());
            assertThat(actualContainer.getResources()).as(name).isEqualTo(expectedContainer.getResources());
            assertThat(actualContainer.getSecurityContext()).as(name).isEqualTo(expectedContainer.getSecurityContext());
            assertThat(actualContainer.getReadinessProbe()).as(name).isEqualTo(expectedContainer.getReadinessProbe());
            assertThat(actualContainer.getLivenessProbe()).as(name).isEqualTo(expectedContainer.getLivenessProbe());
            assertThat(actualContainer.getEnvFrom()).as(name).isEqualTo(expectedContainer.getEnvFrom());
            assertThat(actualContainer.getEnv()).as(name).isEqualTo(expectedContainer.getEnv());
            assertThat(actualContainer.getVolumeMounts()).as(name).isEqualTo(expectedContainer.getVolumeMounts());
            assertThat(actual.getSpec().getTemplate().getSpec().getVolumes()).as(name)
                    .isEqualTo(expected.getSpec().getTemplate().getSpec().getVolumes());
        });
    }

    @Test
    void templateWithStagingValuesParsesStrictly() {
        List<HasMetadata> rendered = StrictManifests.parse(template(CHART, STAGING), "helm template (staging values)");

        Broker broker = only(rendered, Broker.class);
        assertThat(broker.getMetadata().getAnnotations()).containsEntry("eventing.knative.dev/broker.class", "Kafka");
        assertThat(broker.getSpec().getConfig().getKind()).isEqualTo("ConfigMap");
        assertThat(broker.getSpec().getConfig().getName()).isEqualTo("kafka-broker-config");
        assertThat(broker.getSpec().getConfig().getNamespace()).isEqualTo("knative-eventing");
        // external PostgreSQL and Kafka: the chart makes no Secret, every service reads the existing ones
        assertThat(rendered).noneMatch(Secret.class::isInstance);
        assertThat(rendered).filteredOn(Service.class::isInstance).isNotEmpty().allSatisfy(r -> assertThat(
                ((Service) r).getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom())
                .extracting(e -> e.getSecretRef() == null ? null : e.getSecretRef().getName())
                .contains("cascade-postgres-staging", "cascade-kafka-staging"));
        assertThat(byName(rendered, Service.class).get("order-service").getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("autoscaling.knative.dev/min-scale", "2")
                .containsEntry("autoscaling.knative.dev/max-scale", "20");
        assertThat(byName(rendered, Trigger.class).keySet()).isEqualTo(byName(StrictManifests.parseDirectory(TRIGGERS), Trigger.class).keySet());
    }

    @Test
    void triggersOfDefaultValuesEqualKnativeTriggers() {
        Map<String, Trigger> rendered = byName(StrictManifests.parse(template(CHART, null), "helm template"), Trigger.class);
        Map<String, Trigger> expected = byName(StrictManifests.parseDirectory(TRIGGERS), Trigger.class);

        assertThat(rendered.keySet()).isEqualTo(expected.keySet());
        // the whole spec through the model's equals: broker, filter attributes, subscriber ref/uri, delivery
        expected.forEach((name, trigger) -> {
            assertThat(rendered.get(name).getSpec()).as(name).isEqualTo(trigger.getSpec());
            assertThat(rendered.get(name).getMetadata().getNamespace()).as(name)
                    .isEqualTo(trigger.getMetadata().getNamespace());
        });
    }

    @Test
    void aTriggerDeliveryOverrideAndSubscriberPathAreRendered() throws IOException {
        Path values = temp.resolve("values.yaml");
        Files.writeString(values, """
                triggers:
                  - name: audit-all
                    filter: {type: dev.example.audit.v1}
                    subscriber: {service: order-service, path: /audit}
                    delivery: {retry: 1}
                """);

        Trigger trigger = only(StrictManifests.parse(template(CHART, values), "helm template"), Trigger.class);

        assertThat(trigger.getSpec().getSubscriber().getUri()).isEqualTo("/audit");
        assertThat(trigger.getSpec().getDelivery().getRetry()).isEqualTo(1);
        assertThat(trigger.getSpec().getDelivery().getBackoffDelay()).isEqualTo("PT0.2S");
        assertThat(trigger.getSpec().getDelivery().getDeadLetterSink().getRef().getName()).isEqualTo("dead-letter-service");
    }

    @Test
    void observabilityRendersTheDashboardsAndAlertsOfFiles() throws IOException {
        Path chart = copyChart(temp.resolve("cascade"));
        Files.writeString(chart.resolve("files/dashboards/cascade-dashboard.json"), "{\"title\": \"Cascade\"}\n");
        Files.writeString(chart.resolve("files/alerts/cascade-alerts.yaml"), """
                groups:
                  - name: cascade
                    rules:
                      - alert: CascadeDeadLetters
                        expr: increase(cascade_deadletter_recorded_total[5m]) > 0
                        annotations:
                          summary: "Dead letter stored: {{ $labels.type }}"
                """);

        List<HasMetadata> rendered = StrictManifests.parse(template(chart, STAGING), "helm template (observability)");

        ConfigMap dashboards = byName(rendered, ConfigMap.class).get("cascade-grafana-dashboards");
        assertThat(dashboards.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboards.getData()).containsEntry("cascade-dashboard.json", "{\"title\": \"Cascade\"}");
        GenericKubernetesResource rule = only(rendered, GenericKubernetesResource.class);
        assertThat(rule.getKind()).isEqualTo("PrometheusRule");
        assertThat(rule.getMetadata().getName()).isEqualTo("cascade-alerts");
        assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(rule.<String>get("spec", "groups", 0, "rules", 0, "alert")).isEqualTo("CascadeDeadLetters");
        // Prometheus templates in the rules reach Prometheus as written, not evaluated by Helm
        assertThat(rule.<String>get("spec", "groups", 0, "rules", 0, "annotations", "summary"))
                .isEqualTo("Dead letter stored: {{ $labels.type }}");
    }

    @Test
    void theChartShipsTheDashboardAndAlertRulesOfObservabilityUnchanged() throws IOException {
        Path dashboard = Path.of("../observability/grafana/cascade-dashboard.json");
        Path alerts = Path.of("../observability/prometheus/cascade-alerts.yaml");
        // Helm reads only files inside the chart: the copies must stay equal to the originals.
        assertThat(CHART.resolve("files/dashboards/cascade-dashboard.json")).hasSameTextualContentAs(dashboard);
        assertThat(CHART.resolve("files/alerts/cascade-alerts.yaml")).hasSameTextualContentAs(alerts);

        List<HasMetadata> rendered = StrictManifests.parse(template(CHART, STAGING), "helm template (staging)");
        ObjectMapper json = new ObjectMapper();
        ConfigMap dashboards = byName(rendered, ConfigMap.class).get("cascade-grafana-dashboards");
        assertThat(json.readTree(dashboards.getData().get("cascade-dashboard.json")))
                .isEqualTo(json.readTree(dashboard.toFile()));
        GenericKubernetesResource rule = only(rendered, GenericKubernetesResource.class);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        com.fasterxml.jackson.databind.JsonNode groups = json.valueToTree(rule.get("spec", "groups"));
        assertThat(groups).isEqualTo(yaml.readTree(alerts.toFile()).get("groups"));
    }

    private static String template(Path chart, Path valuesFile) {
        var template = new Helm(chart).template().withName("cascade").withNamespace(NAMESPACE);
        if (valuesFile != null) {
            template.withValuesFile(valuesFile);
        }
        return template.call();
    }

    private static void assertClean(LintResult result) {
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    }

    private static Path copyChart(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path source : files.toList()) {
                Path copy = target.resolve(CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        return target;
    }

    private static List<HasMetadata> k8s() {
        return StrictManifests.parseDirectory(K8S);
    }

    private static Broker k8sBroker() {
        return only(k8s(), Broker.class);
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> resources, Class<T> type) {
        List<T> matching = resources.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).as(type.getSimpleName()).hasSize(1);
        return matching.get(0);
    }

    private static <T extends HasMetadata> Map<String, T> byName(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast)
                .collect(Collectors.toMap(r -> r.getMetadata().getName(), Function.identity()));
    }

    private static List<String> names(List<HasMetadata> resources, Class<? extends HasMetadata> type) {
        return List.copyOf(byName(resources, type).keySet());
    }
}

package dev.cascade.deploy.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.cascade.deploy.k8s.ManifestDocuments.Document;

import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * What every deployed Cascade resource must hold, whatever a cluster would accept: only {@code v1} Knative APIs;
 * each Knative Service scales to zero (unless it has a documented reason not to), is bounded, has requests and
 * limits, health probes, the restricted security context with a writable {@code /tmp}, and its own image; each
 * Trigger has its own dead-letter sink. {@link #violations} returns one message per broken rule, empty when all
 * hold.
 */
public final class DeploymentInvariants {

    public static final String MIN_SCALE = "autoscaling.knative.dev/min-scale";
    public static final String MAX_SCALE = "autoscaling.knative.dev/max-scale";
    public static final String TARGET = "autoscaling.knative.dev/target";
    public static final String IMAGE_FORMAT = "dev.local/cascade/%s:0.1.0-SNAPSHOT";
    public static final String READINESS_PATH = "/q/health/ready";
    public static final String LIVENESS_PATH = "/q/health/live";

    /**
     * Services that may not scale to zero, with the min-scale they keep. order-service: the saga's step timeouts
     * and the outbox relay run inside it (see k8s/300-order-service.yaml). telemetry-service: a Kafka consumer, which
     * no HTTP request would ever wake (see k8s/360-telemetry-service.yaml).
     */
    public static final Map<String, String> MIN_SCALE_EXCEPTIONS = Map.of("order-service", "1",
            "telemetry-service", "1");

    private DeploymentInvariants() {
    }

    public static List<String> violations(List<Document> documents) {
        List<String> violations = new ArrayList<>();
        for (Document document : documents) {
            violations.addAll(apiVersion(document));
            if (document.is("serving.knative.dev/v1", "Service")) {
                Service service = ManifestDocuments.knativeServices(List.of(document)).get(0);
                service(service).forEach(message -> violations.add(document.where() + ": " + message));
            } else if (document.is("eventing.knative.dev/v1", "Trigger")) {
                Trigger trigger = ManifestDocuments.triggers(List.of(document)).get(0);
                trigger(trigger).forEach(message -> violations.add(document.where() + ": " + message));
            }
        }
        return violations;
    }

    /** Knative's alpha and beta versions are gone or going; only v1 of any *.knative.dev group. */
    static List<String> apiVersion(Document document) {
        String apiVersion = document.apiVersion();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        if (group.endsWith("knative.dev") && !apiVersion.equals(group + "/v1")) {
            return List.of(document.where() + ": apiVersion " + apiVersion + " is not v1; use " + group + "/v1");
        }
        return List.of();
    }

    static List<String> service(Service service) {
        List<String> problems = new ArrayList<>();
        String name = service.getMetadata() == null ? null : service.getMetadata().getName();
        var template = service.getSpec() == null ? null : service.getSpec().getTemplate();
        if (template == null || template.getSpec() == null) {
            return List.of("spec.template.spec missing");
        }
        Map<String, String> annotations = template.getMetadata() == null || template.getMetadata().getAnnotations() == null
                ? Map.of() : template.getMetadata().getAnnotations();
        problems.addAll(scale(name, annotations));

        List<Container> containers = template.getSpec().getContainers();
        if (containers == null || containers.size() != 1) {
            problems.add("expected exactly one container, found " + (containers == null ? 0 : containers.size()));
            return problems;
        }
        Container container = containers.get(0);
        String image = String.format(IMAGE_FORMAT, name);
        if (!image.equals(container.getImage())) {
            problems.add("image " + container.getImage() + " is not " + image);
        }
        problems.addAll(resources(container.getResources()));
        problems.addAll(probe("readinessProbe", container.getReadinessProbe(), READINESS_PATH));
        problems.addAll(probe("livenessProbe", container.getLivenessProbe(), LIVENESS_PATH));
        problems.addAll(securityContext(container.getSecurityContext(), template.getSpec().getSecurityContext()));
        problems.addAll(writableTmp(container.getVolumeMounts(), template.getSpec().getVolumes()));
        return problems;
    }

    static List<String> trigger(Trigger trigger) {
        var delivery = trigger.getSpec() == null ? null : trigger.getSpec().getDelivery();
        if (delivery == null || delivery.getDeadLetterSink() == null) {
            // The Broker's default sink would catch it too, but only while the Broker keeps one: each Trigger
            // names its own so that no delivery spec change elsewhere can drop dead letters silently.
            return List.of("spec.delivery.deadLetterSink missing: every Trigger names its own dead-letter sink");
        }
        var sink = delivery.getDeadLetterSink();
        if (sink.getRef() == null && sink.getUri() == null) {
            return List.of("spec.delivery.deadLetterSink has neither ref nor uri");
        }
        return List.of();
    }

    private static List<String> scale(String name, Map<String, String> annotations) {
        List<String> problems = new ArrayList<>();
        Optional<Integer> min = integer(annotations, MIN_SCALE, problems);
        Optional<Integer> max = integer(annotations, MAX_SCALE, problems);
        integer(annotations, TARGET, problems).filter(target -> target < 1)
                .ifPresent(target -> problems.add(TARGET + " must be at least 1, is " + target));
        String expectedMin = MIN_SCALE_EXCEPTIONS.getOrDefault(name, "0");
        min.filter(value -> !String.valueOf(value).equals(expectedMin)).ifPresent(value -> problems.add(
                MIN_SCALE + " is " + value + ", expected " + expectedMin
                        + (expectedMin.equals("0") ? " (scale to zero)" : " (its documented exception)")));
        if (min.isPresent() && max.isPresent() && (max.get() < 1 || max.get() < min.get())) {
            problems.add(MAX_SCALE + " " + max.get() + " must be at least 1 and at least " + MIN_SCALE);
        }
        return problems;
    }

    private static Optional<Integer> integer(Map<String, String> annotations, String key, List<String> problems) {
        String value = annotations.get(key);
        if (value == null) {
            problems.add("spec.template.metadata.annotations." + key + " missing");
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            problems.add(key + " is not an integer: " + value);
            return Optional.empty();
        }
    }

    private static List<String> resources(ResourceRequirements resources) {
        Map<String, Quantity> requests = resources == null || resources.getRequests() == null
                ? Map.of() : resources.getRequests();
        Map<String, Quantity> limits = resources == null || resources.getLimits() == null
                ? Map.of() : resources.getLimits();
        List<String> problems = new ArrayList<>();
        for (String resource : List.of("cpu", "memory")) {
            if (!requests.containsKey(resource)) {
                problems.add("resources.requests." + resource + " missing");
            }
        }
        // No CPU limit on purpose (throttling a JVM's start-up hurts more than it protects); memory is bounded.
        if (!limits.containsKey("memory")) {
            problems.add("resources.limits.memory missing");
        }
        return problems;
    }

    private static List<String> probe(String field, Probe probe, String path) {
        HTTPGetAction get = probe == null ? null : probe.getHttpGet();
        if (get == null) {
            return List.of(field + " missing or not an httpGet probe");
        }
        if (!path.equals(get.getPath())) {
            return List.of(field + " path " + get.getPath() + " is not " + path);
        }
        return List.of();
    }

    private static List<String> securityContext(SecurityContext container, PodSecurityContext pod) {
        List<String> problems = new ArrayList<>();
        SecurityContext context = container == null ? new SecurityContext() : container;
        Boolean runAsNonRoot = context.getRunAsNonRoot() != null ? context.getRunAsNonRoot()
                : pod == null ? null : pod.getRunAsNonRoot();
        if (!Boolean.TRUE.equals(runAsNonRoot)) {
            problems.add("securityContext.runAsNonRoot is not true");
        }
        if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
            problems.add("securityContext.readOnlyRootFilesystem is not true");
        }
        if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
            problems.add("securityContext.allowPrivilegeEscalation is not false");
        }
        if (context.getCapabilities() == null || context.getCapabilities().getDrop() == null
                || !context.getCapabilities().getDrop().contains("ALL")) {
            problems.add("securityContext.capabilities.drop does not hold ALL");
        }
        String seccomp = context.getSeccompProfile() != null ? context.getSeccompProfile().getType()
                : pod == null || pod.getSeccompProfile() == null ? null : pod.getSeccompProfile().getType();
        if (!"RuntimeDefault".equals(seccomp)) {
            problems.add("securityContext.seccompProfile.type is " + seccomp + ", not RuntimeDefault");
        }
        return problems;
    }

    /** Quarkus writes to /tmp; with a read-only root it must be a mounted emptyDir. */
    private static List<String> writableTmp(List<VolumeMount> mounts, List<Volume> volumes) {
        Optional<VolumeMount> tmp = mounts == null ? Optional.empty()
                : mounts.stream().filter(mount -> "/tmp".equals(mount.getMountPath())).findFirst();
        if (tmp.isEmpty()) {
            return List.of("no volumeMount at /tmp (the root filesystem is read-only)");
        }
        boolean emptyDir = volumes != null && volumes.stream()
                .anyMatch(volume -> Objects.equals(volume.getName(), tmp.get().getName()) && volume.getEmptyDir() != null);
        if (!emptyDir) {
            return List.of("the /tmp mount " + tmp.get().getName() + " is not an emptyDir volume");
        }
        if (Boolean.TRUE.equals(tmp.get().getReadOnly())) {
            return List.of("the /tmp mount is read-only");
        }
        return List.of();
    }
}

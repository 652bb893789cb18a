package dev.cascade.devmesh.manifest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.cascade.devmesh.BrokerClass;
import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.duck.v1.KReference;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1.TriggerSpec;
import io.fabric8.knative.serving.v1.Service;

/**
 * The checks Knative's admission webhooks make on the fields devmesh relies on, with field errors worded like
 * knative.dev/pkg's {@code apis.FieldError}. Filters and delivery specs are left to the
 * {@link ResourceValidator}s the loader is given.
 *
 * <p>Sources read: knative/eventing {@code pkg/apis/eventing/v1/trigger_validation.go} and
 * {@code broker_validation.go}, knative.dev/pkg {@code apis/duck/v1/destination.go} and
 * {@code knative_reference.go}, knative/serving {@code pkg/apis/serving/v1/service_validation.go},
 * knative-extensions/eventing-kafka-broker {@code control-plane/pkg/reconciler/trigger} (delivery order).
 */
final class AdmissionChecks {

    /** Per-trigger ordering of the Kafka broker; values are compared case-insensitively, as the Kafka broker does. */
    static final String DELIVERY_ORDER_ANNOTATION = "kafka.eventing.knative.dev/delivery.order";

    private static final String AUTOSCALING_GROUP = "autoscaling.knative.dev";

    private AdmissionChecks() {
    }

    static List<String> broker(Broker broker) {
        List<String> errors = new ArrayList<>();
        String brokerClass = annotations(broker.getMetadata().getAnnotations()).get(BrokerClass.ANNOTATION);
        try {
            BrokerClass.fromAnnotation(brokerClass);
        } catch (IllegalArgumentException e) {
            errors.add("invalid value: " + brokerClass + ": metadata.annotations[" + BrokerClass.ANNOTATION + "]: "
                    + e.getMessage());
        }
        if (broker.getSpec() != null && broker.getSpec().getConfig() != null) {
            errors.addAll(reference(broker.getSpec().getConfig(), "spec.config"));
        }
        return errors;
    }

    static List<String> trigger(Trigger trigger) {
        List<String> errors = new ArrayList<>();
        TriggerSpec spec = trigger.getSpec() == null ? new TriggerSpec() : trigger.getSpec();
        boolean hasBroker = spec.getBroker() != null && !spec.getBroker().isEmpty();
        if (spec.getBrokerRef() != null) {
            // brokerRef exists for cross-namespace-event-links (alpha, off by default). With the feature off
            // the webhook lets a brokerRef without namespace through, but the reconciler then reads only
            // spec.broker, so such a Trigger never becomes ready: refuse it here, where the user can see why.
            errors.add(hasBroker
                    ? "expected exactly one, got both: spec.broker, spec.brokerRef"
                    : "disallowed field(s): spec.brokerRef: devmesh does not enable the cross-namespace-event-links"
                            + " feature, so name the broker with spec.broker");
        } else if (!hasBroker) {
            errors.add("missing field(s): spec.broker");
        }
        if (spec.getSubscriber() == null) {
            errors.add("expected at least one, got none: spec.subscriber.ref, spec.subscriber.uri");
        } else {
            errors.addAll(destination(spec.getSubscriber(), "spec.subscriber"));
        }
        String order = annotations(trigger.getMetadata().getAnnotations()).get(DELIVERY_ORDER_ANNOTATION);
        if (order != null && !order.toLowerCase(Locale.ROOT).equals("ordered")
                && !order.toLowerCase(Locale.ROOT).equals("unordered")) {
            errors.add("invalid value: " + order + ": metadata.annotations[" + DELIVERY_ORDER_ANNOTATION
                    + "]: allowed values are \"ordered\" and \"unordered\"");
        }
        return errors;
    }

    static List<String> service(Service service) {
        List<String> errors = new ArrayList<>();
        for (String key : annotations(service.getMetadata().getAnnotations()).keySet()) {
            if (key.startsWith(AUTOSCALING_GROUP)) {
                errors.add("invalid key name \"" + key + "\": metadata.annotations: autoscaling annotations must be"
                        + " put under \"spec.template.metadata.annotations\" to work");
            }
        }
        return errors;
    }

    /**
     * A Destination needs a ref or an absolute URI with a host; a ref may carry a relative URI that is resolved
     * against the ref's address, but not an absolute one. As in knative.dev/pkg, the ref itself is only checked
     * when no URI accompanies it.
     */
    static List<String> destination(Destination destination, String path) {
        KReference ref = destination.getRef();
        String uriText = destination.getUri();
        if (ref == null && uriText == null) {
            return List.of("expected at least one, got none: " + path + ".ref, " + path + ".uri");
        }
        if (uriText != null) {
            URI uri = Uris.parse(uriText);
            if (uri == null) {
                return List.of("invalid value: " + uriText + ": " + path + ".uri: not a valid URI");
            }
            if (ref != null && uri.isAbsolute()) {
                return List.of("absolute URI is not allowed when ref is present: " + path + ".ref, " + path + ".uri");
            }
            if (ref == null && !Uris.isAbsoluteWithHost(uri)) {
                return List.of("invalid value: relative URI is not allowed when ref is absent: " + path + ".uri");
            }
            return List.of();
        }
        return reference(ref, path + ".ref");
    }

    /** A KReference needs kind, name and apiVersion; {@code group} is an alpha feature that is off. */
    static List<String> reference(KReference ref, String path) {
        List<String> missing = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (isEmpty(ref.getKind())) {
            missing.add(path + ".kind");
        }
        if (isEmpty(ref.getName())) {
            missing.add(path + ".name");
        }
        if (isEmpty(ref.getApiVersion())) {
            missing.add(path + ".apiVersion");
        }
        if (!missing.isEmpty()) {
            errors.add("missing field(s): " + String.join(", ", missing));
        }
        if (!isEmpty(ref.getGroup())) {
            errors.add("disallowed field(s): " + path + ".group: the kreference-group feature is not enabled");
        }
        return errors;
    }

    private static Map<String, String> annotations(Map<String, String> annotations) {
        return annotations == null ? Map.of() : annotations;
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}

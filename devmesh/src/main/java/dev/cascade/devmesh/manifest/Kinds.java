package dev.cascade.devmesh.manifest;

import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;

/** The kinds devmesh keeps, and how an {@code apiVersion} + {@code kind} pair maps onto them. */
final class Kinds {

    static final String BROKER = "Broker";
    static final String TRIGGER = "Trigger";
    static final String SERVICE = "Service";
    static final String CONFIG_MAP = "ConfigMap";
    static final String SECRET = "Secret";

    static final String EVENTING_GROUP = "eventing.knative.dev";
    static final String SERVING_GROUP = "serving.knative.dev";
    static final String EVENTING_V1 = EVENTING_GROUP + "/v1";
    static final String SERVING_V1 = SERVING_GROUP + "/v1";

    /** A kept kind: its model class and the one apiVersion devmesh serves for it. */
    record Kept(String kind, String apiVersion, Class<? extends HasMetadata> type) {
    }

    /** The outcome of looking at a document's apiVersion and kind. */
    sealed interface Classification {
    }

    record Keep(Kept kept) implements Classification {
    }

    /** A kind devmesh keeps, at a version it does not serve. */
    record WrongVersion(String message) implements Classification {
    }

    /** Anything else: meant for a real cluster, ignored. */
    record Ignore() implements Classification {
    }

    private static final Kept[] KEPT = {
        new Kept(BROKER, EVENTING_V1, Broker.class),
        new Kept(TRIGGER, EVENTING_V1, Trigger.class),
        new Kept(SERVICE, SERVING_V1, Service.class),
        new Kept(CONFIG_MAP, "v1", ConfigMap.class),
        new Kept(SECRET, "v1", Secret.class),
    };

    private Kinds() {
    }

    static Classification classify(String apiVersion, String kind) {
        String group = group(apiVersion);
        for (Kept kept : KEPT) {
            if (kept.kind().equals(kind) && group.equals(group(kept.apiVersion()))) {
                if (kept.apiVersion().equals(apiVersion)) {
                    return new Keep(kept);
                }
                // Knative stopped serving v1alpha1/v1beta1 Brokers, Triggers and Services; a cluster refuses them.
                return new WrongVersion("no matches for kind \"" + kind + "\" in version \"" + apiVersion
                        + "\": use " + kept.apiVersion());
            }
        }
        return new Ignore();
    }

    /** The API group of an apiVersion: {@code ""} for the core group ({@code v1}). */
    static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}

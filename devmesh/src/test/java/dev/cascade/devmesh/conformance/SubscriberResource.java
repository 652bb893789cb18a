package dev.cascade.devmesh.conformance;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the conformance {@link Subscriber} and points the manifests' {@code ref} to the Service
 * {@code recorder} at it, the way {@code devmesh.services.<name>.url} resolves a Service without serving.
 */
public class SubscriberResource implements QuarkusTestResourceLifecycleManager {

    /** Init argument: the manifest directory to load; the MT conformance manifests by default. */
    public static final String MANIFESTS = "manifests";

    static Subscriber subscriber;
    private String manifests = "src/test/resources/conformance/mt";

    @Override
    public void init(Map<String, String> initArgs) {
        manifests = initArgs.getOrDefault(MANIFESTS, manifests);
    }

    @Override
    public Map<String, String> start() {
        subscriber = new Subscriber();
        return Map.of(
                "devmesh.services.recorder.url", subscriber.baseUrl(),
                "devmesh.manifests", manifests);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(subscriber, new TestInjector.MatchesType(Subscriber.class));
    }

    @Override
    public void stop() {
        if (subscriber != null) {
            subscriber.close();
        }
    }
}

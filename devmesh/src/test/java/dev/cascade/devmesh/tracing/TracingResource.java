package dev.cascade.devmesh.tracing;

import java.util.Map;

import dev.cascade.devmesh.conformance.Subscriber;
import dev.cascade.testing.OtlpReceiver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * devmesh with tracing on: an {@link OtlpReceiver} as {@code devmesh.otlp.endpoint}, and a real HTTP
 * {@link Subscriber} behind the Service {@code recorder} of the tracing manifests.
 */
public class TracingResource implements QuarkusTestResourceLifecycleManager {

    private static Subscriber subscriber;
    private static OtlpReceiver receiver;

    @Override
    public Map<String, String> start() {
        subscriber = new Subscriber();
        receiver = OtlpReceiver.start();
        return Map.of(
                "devmesh.services.recorder.url", subscriber.baseUrl(),
                "devmesh.manifests", "src/test/resources/tracing",
                "devmesh.otlp.endpoint", receiver.endpoint(),
                "quarkus.otel.bsp.schedule.delay", "50ms");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(subscriber, new TestInjector.MatchesType(Subscriber.class));
        injector.injectIntoFields(receiver, new TestInjector.MatchesType(OtlpReceiver.class));
    }

    @Override
    public void stop() {
        if (subscriber != null) {
            subscriber.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }
}

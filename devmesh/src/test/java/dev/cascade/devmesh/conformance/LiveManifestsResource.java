package dev.cascade.devmesh.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A subscriber plus a manifest directory the test may rewrite while devmesh runs, and a 64 KiB body limit.
 */
public class LiveManifestsResource implements QuarkusTestResourceLifecycleManager {

    static final long BODY_LIMIT = 64 * 1024;
    static Subscriber subscriber;
    static Path manifests;

    @Override
    public Map<String, String> start() {
        subscriber = new Subscriber();
        try {
            manifests = Files.createTempDirectory("devmesh-live-");
            write("100-broker.yaml", """
                    apiVersion: eventing.knative.dev/v1
                    kind: Broker
                    metadata: {name: default, namespace: live}
                    spec:
                      delivery: {retry: 0}
                    """);
            write("200-trigger-a.yaml", trigger("a", "test.a"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "devmesh.services.recorder.url", subscriber.baseUrl(),
                "devmesh.manifests", manifests.toString(),
                "devmesh.ingress.max-body-bytes", String.valueOf(BODY_LIMIT));
    }

    static String trigger(String name, String type) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {name: %s, namespace: live}
                spec:
                  broker: default
                  filter: {attributes: {type: %s}}
                  subscriber:
                    ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: recorder}
                    uri: /%s
                """.formatted(name, type, name);
    }

    static void write(String file, String yaml) throws IOException {
        Files.writeString(manifests.resolve(file), yaml);
    }

    static void delete(String file) throws IOException {
        Files.deleteIfExists(manifests.resolve(file));
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

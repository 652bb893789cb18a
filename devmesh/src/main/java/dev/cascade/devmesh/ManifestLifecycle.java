package dev.cascade.devmesh;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import dev.cascade.devmesh.broker.Mesh;
import dev.cascade.devmesh.console.LoadedManifests;
import dev.cascade.devmesh.delivery.DeliveryPolicies;
import dev.cascade.devmesh.filter.TriggerFilters;
import dev.cascade.devmesh.manifest.DestinationResolver;
import dev.cascade.devmesh.manifest.ManifestLoader;
import dev.cascade.devmesh.manifest.ManifestWatcher;
import dev.cascade.devmesh.manifest.ResourceId;
import dev.cascade.devmesh.manifest.ResourceValidator;
import dev.cascade.devmesh.serving.ServingRegistry;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.Service;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;

/**
 * Loads {@code devmesh.manifests} at start-up, applies
 * every later change on disk without a restart, and reports ready once the first load is applied.
 */
@ApplicationScoped
@Readiness
public class ManifestLifecycle implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(ManifestLifecycle.class);

    private final Mesh mesh;
    private final ServingRegistry serving;
    private final LoadedManifests loaded;
    private final List<Path> roots;
    private final String defaultNamespace;
    private final boolean retryAfterFeature;
    private static final Duration PORT_WAIT = Duration.ofSeconds(30);

    private ManifestWatcher watcher;
    private volatile String loadFailure;

    public ManifestLifecycle(Mesh mesh, ServingRegistry serving, LoadedManifests loaded,
            @ConfigProperty(name = "devmesh.manifests") Optional<List<String>> manifests,
            @ConfigProperty(name = "devmesh.default-namespace", defaultValue = "default") String defaultNamespace,
            @ConfigProperty(name = "devmesh.features.delivery-retryafter", defaultValue = "false") boolean retryAfterFeature) {
        this.mesh = mesh;
        this.serving = serving;
        this.loaded = loaded;
        this.roots = manifests.orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).map(Path::of).toList();
        this.defaultNamespace = defaultNamespace;
        this.retryAfterFeature = retryAfterFeature;
    }

    void onStart(@Observes StartupEvent start) {
        int port = configuredPort();
        if (port != 0) {
            load(port);
        }
    }

    /**
     * With a random port (tests), the real one is known only once the server listens. Quarkus listens with one
     * server per event loop and fires this event from one of them, which may run before another one has
     * published the port: wait for it rather than skip the load. A failure here would be lost with the
     * asynchronous event, so it is logged and reported by the readiness check.
     */
    void onListening(@ObservesAsync HttpServerStart listening) {
        if (watcher != null) {
            return;
        }
        try {
            long deadline = System.nanoTime() + PORT_WAIT.toNanos();
            int port = configuredPort();
            while (port == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
                port = configuredPort();
            }
            if (port == 0) {
                throw new IllegalStateException("the HTTP server's port was not published within " + PORT_WAIT);
            }
            load(port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            loadFailure = e.toString();
            LOG.error("devmesh could not load its manifests", e);
        }
    }

    private synchronized void load(int port) {
        if (watcher != null || port == 0) {
            return;
        }
        URI base = URI.create("http://localhost:" + port);
        ManifestLoader loader = new ManifestLoader(defaultNamespace, List.of(webhookValidation()));
        if (roots.isEmpty()) {
            LOG.warn("devmesh.manifests is empty: no brokers loaded");
        }
        watcher = new ManifestWatcher(roots, loader::load, topology -> {
            if (mesh.loaded()) {
                LOG.infof("manifests changed: reloading %s", roots);
            }
            // Services first, so that Triggers resolve to the stable URLs of the Services devmesh runs.
            DestinationResolver resolver = new DestinationResolver(topology, base,
                    service -> configuredServiceUrl(service).or(() -> serving.url(service)));
            serving.apply(topology, resolver::brokerIngress);
            mesh.apply(topology, base, resolver);
            loaded.apply(topology);
        });
        watcher.start();
    }

    /** Ingress URLs name devmesh's own port; Quarkus updates a random (0) one once the server listens. */
    private static int configuredPort() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return ConfigProvider.getConfig().getOptionalValue(key, Integer.class)
                .orElse(LaunchMode.current() == LaunchMode.TEST ? 8081 : 8080);
    }

    /** {@code devmesh.services.<name>.url} names a Service devmesh does not run; it wins over local serving. */
    private static Optional<URI> configuredServiceUrl(ResourceId service) {
        return ConfigProvider.getConfig()
                .getOptionalValue("devmesh.services." + service.name() + ".url", String.class)
                .map(URI::create);
    }

    private ResourceValidator webhookValidation() {
        return resource -> {
            if (resource instanceof Trigger trigger && trigger.getSpec() != null) {
                List<String> problems = new java.util.ArrayList<>(TriggerFilters.validate(trigger.getSpec()));
                if (trigger.getSpec().getDelivery() != null) {
                    problems.addAll(DeliveryPolicies.validate(trigger.getSpec().getDelivery(), retryAfterFeature));
                }
                return problems;
            }
            if (resource instanceof Broker broker && broker.getSpec() != null && broker.getSpec().getDelivery() != null) {
                return DeliveryPolicies.validate(broker.getSpec().getDelivery(), retryAfterFeature);
            }
            if (resource instanceof Service service) {
                return ServingRegistry.validate(service);
            }
            return List.of();
        };
    }

    @PreDestroy
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("manifests")
                .status(mesh.loaded())
                .withData("brokers", mesh.brokers().size())
                .withData("triggers", mesh.triggers().size())
                .withData("errors", mesh.errors().size());
        String failure = loadFailure;
        return failure == null ? response.build() : response.withData("failure", failure).build();
    }
}

package dev.cascade.devmesh.serving;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import dev.cascade.devmesh.infra.LocalInfrastructure;
import dev.cascade.devmesh.manifest.LoadedResource;
import dev.cascade.devmesh.manifest.ResourceError;
import dev.cascade.devmesh.manifest.ResourceId;
import dev.cascade.devmesh.manifest.Topology;
import io.fabric8.knative.serving.v1.Service;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * The Knative Services devmesh runs, reconciled from each manifest snapshot as Knative's Serving controllers would:
 * a new Service gets its stable URL (and min-scale instances), a changed template rolls its instances, a removed
 * Service is stopped, an unchanged one keeps running untouched. A Service with
 * {@code devmesh.services.<name>.url} is external: devmesh neither runs nor proxies it.
 *
 * <p>No instance outlives devmesh: they are stopped when the application stops and, should that not happen, by a
 * JVM shutdown hook; see {@link ProcessLauncher} for a devmesh that is killed.
 */
@ApplicationScoped
public class ServingRegistry {

    private static final Logger LOG = Logger.getLogger(ServingRegistry.class);
    private static final String INJECT_PREFIX = "DEVMESH_SERVING_INJECT_";

    private final Vertx vertx;
    private final ServingConfig config;
    private final MeterRegistry meters;
    private final Config settingsSource;
    private final ProcessLauncher launcher = new ProcessLauncher();
    private final HttpClient client;
    private final Path root;
    private final Path logDir;
    private final Map<String, String> inject;
    private final Thread shutdownHook;

    private final Map<ResourceId, ServiceRuntime> runtimes = new LinkedHashMap<>();
    /** The port each Service's URL got, kept for devmesh's life so that a Service removed and added again keeps it. */
    private final Map<ResourceId, Integer> ports = new HashMap<>();
    private Map<ResourceId, LoadedResource<Service>> accepted = Map.of();
    private volatile Map<ResourceId, ServiceRuntime> byId = Map.of();
    private volatile List<ServiceStatus> notRun = List.of();
    private boolean closed;

    public ServingRegistry(ServingConfig config, MeterRegistry meters, LocalInfrastructure infrastructure) {
        // A Vert.x of its own, without Quarkus's HTTP metrics: those would count every proxied request as one of
        // devmesh's own, and tag each stable URL's server with server.port only when the port is fixed, a mix of
        // tag keys that the Prometheus registry refuses (and with it the start of devmesh).
        this.vertx = ownVertx();
        this.config = config;
        this.meters = meters;
        this.settingsSource = ConfigProvider.getConfig();
        this.root = config.root().orElse(Path.of("")).toAbsolutePath().normalize();
        this.logDir = root.resolve(config.logDir()).normalize();
        // The local run's PostgreSQL, Kafka and OTLP settings first; what is configured explicitly wins.
        Map<String, String> environment = new LinkedHashMap<>(infrastructure.serviceEnvironment());
        environment.putAll(injected(config.inject(), System.getenv()));
        this.inject = Map.copyOf(environment);
        this.client = vertx.httpClientBuilder()
                .with(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setTryUseCompression(false)
                        .setDecompressionSupported(false))
                .with(new PoolOptions().setHttp1MaxSize(1_000))
                // An instance that dies resets its connections; the request that used one already answered 502.
                .withConnectHandler(connection -> connection.exceptionHandler(error ->
                        LOG.debugf("connection to an instance failed: %s", error.toString())))
                .build();
        this.shutdownHook = new Thread(() -> launcher.stopAll(config.stopGrace()), "devmesh-serving-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Reconciles the Services of a snapshot. A Service that the snapshot refuses keeps its last accepted version,
     * as a cluster keeps the old object when the webhook denies {@code kubectl apply}.
     *
     * @param brokerIngress the ingress URL of a Broker by namespace and name, for {@code K_SINK}
     */
    public synchronized void apply(Topology topology, BiFunction<String, String, URI> brokerIngress) {
        if (closed) {
            return;
        }
        Map<ResourceId, LoadedResource<Service>> services = keepRefused(topology.services(), topology.errors());
        List<ServiceStatus> skipped = new ArrayList<>();
        Map<ResourceId, ServiceRuntime> next = new LinkedHashMap<>();
        for (var entry : services.entrySet()) {
            ResourceId id = entry.getKey();
            ServiceSettings settings = ServiceSettings.of(settingsSource, id.name());
            if (settings.url().isPresent()) {
                skipped.add(ServiceStatus.external(id.namespace(), id.name(), settings.url().get().toString()));
                continue;
            }
            ServiceRuntime runtime = runtimes.get(id);
            if (runtime == null) {
                try {
                    runtime = create(id, settings);
                } catch (IllegalStateException e) {
                    LOG.errorf("Knative %s is not served: %s", id, e.getMessage());
                    skipped.add(ServiceStatus.failed(id.namespace(), id.name(), e.getMessage()));
                    continue;
                }
            }
            runtime.update(new ServiceRuntime.Inputs(entry.getValue().resource(), topology, sink(id, brokerIngress)));
            next.put(id, runtime);
        }
        runtimes.forEach((id, runtime) -> {
            if (!next.containsKey(id)) {
                runtime.close();
            }
        });
        runtimes.clear();
        runtimes.putAll(next);
        accepted = services;
        byId = Map.copyOf(next);
        notRun = List.copyOf(skipped);
    }

    /**
     * What Knative's webhook refuses in a Service's autoscaling annotations, {@code containerConcurrency} and
     * {@code timeoutSeconds}; an admission check for the manifest loader.
     */
    public static List<String> validate(Service service) {
        return Scaling.validate(service);
    }

    /** The stable URL of a Service devmesh runs; empty for one it does not (external, unknown, not bound). */
    public Optional<URI> url(ResourceId service) {
        ServiceRuntime runtime = byId.get(service);
        return runtime == null ? Optional.empty() : Optional.of(runtime.url());
    }

    /** Every Service of the manifests, by namespace and name. */
    public List<ServiceStatus> services() {
        List<ServiceStatus> all = new ArrayList<>(notRun);
        byId.values().forEach(runtime -> all.add(runtime.status()));
        all.sort(Comparator.comparing(ServiceStatus::namespace).thenComparing(ServiceStatus::name));
        return all;
    }

    /** Stops every Service and waits until their processes are gone. */
    @PreDestroy
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        runtimes.values().forEach(ServiceRuntime::close);
        runtimes.clear();
        byId = Map.of();
        launcher.stopAll(config.stopGrace());
        launcher.close();
        vertx.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway and finds nothing left to stop
        }
    }

    /**
     * {@code devmesh.serving.inject.*}. The configuration maps an environment variable
     * {@code DEVMESH_SERVING_INJECT_FOO_BAR} to the key {@code foo.bar}, since a variable cannot say where the
     * prefix ends nor which case the key had: such variables are read here instead, the rest of the name kept as
     * it is ({@code FOO_BAR}).
     */
    static Map<String, String> injected(Map<String, String> configured, Map<String, String> environment) {
        Map<String, String> variables = new LinkedHashMap<>(configured);
        environment.forEach((name, value) -> {
            if (name.startsWith(INJECT_PREFIX) && name.length() > INJECT_PREFIX.length()) {
                String variable = name.substring(INJECT_PREFIX.length());
                String mangled = variable.toLowerCase(Locale.ROOT).replace('_', '.');
                if (value.equals(variables.get(mangled))) {
                    variables.remove(mangled);
                }
                variables.putIfAbsent(variable, value);
            }
        });
        return Map.copyOf(variables);
    }

    /** Two event loops, one per core of a laptop; made off any Vert.x thread, where Vert.x would warn. */
    private static Vertx ownVertx() {
        CompletableFuture<Vertx> created = new CompletableFuture<>();
        Thread maker = new Thread(() -> created.complete(Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2)
                .setWorkerPoolSize(1).setInternalBlockingPoolSize(1))), "devmesh-serving-init");
        maker.start();
        return created.join();
    }

    private ServiceRuntime create(ResourceId id, ServiceSettings settings) {
        int port = settings.port().orElse(ports.getOrDefault(id, 0));
        ServiceRuntime runtime;
        try {
            runtime = new ServiceRuntime(id, port, vertx, client, launcher, config, settings, inject, root,
                    logDir.resolve(id.name() + ".log"), meters);
        } catch (IllegalStateException e) {
            if (settings.port().isPresent() || port == 0) {
                throw e;
            }
            // The port it had before was taken meanwhile: a new one.
            runtime = new ServiceRuntime(id, 0, vertx, client, launcher, config, settings, inject, root,
                    logDir.resolve(id.name() + ".log"), meters);
        }
        ports.put(id, runtime.port());
        return runtime;
    }

    /** {@code K_SINK}: the Broker {@code devmesh.serving.sink-broker}, in the Service's namespace unless it says. */
    private URI sink(ResourceId service, BiFunction<String, String, URI> brokerIngress) {
        String broker = config.sinkBroker().trim();
        int slash = broker.indexOf('/');
        return slash < 0
                ? brokerIngress.apply(service.namespace(), broker)
                : brokerIngress.apply(broker.substring(0, slash), broker.substring(slash + 1));
    }

    private Map<ResourceId, LoadedResource<Service>> keepRefused(Map<ResourceId, LoadedResource<Service>> loaded,
            List<ResourceError> refused) {
        Map<ResourceId, LoadedResource<Service>> kept = new LinkedHashMap<>(loaded);
        for (ResourceError error : refused) {
            ResourceId id = error.resource();
            if (id != null && "Service".equals(id.kind()) && !kept.containsKey(id) && accepted.containsKey(id)) {
                kept.put(id, accepted.get(id));
            }
        }
        return kept;
    }
}

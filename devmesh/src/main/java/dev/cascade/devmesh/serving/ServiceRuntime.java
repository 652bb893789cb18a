package dev.cascade.devmesh.serving;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import dev.cascade.devmesh.manifest.ResourceId;
import dev.cascade.devmesh.manifest.Topology;
import dev.cascade.localinfra.FreePorts;
import io.fabric8.knative.serving.v1.RevisionTemplateSpec;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;

/**
 * One Knative Service, run locally: its stable URL (the activator's place, a port of its own on the loopback
 * interface), its instances, and the autoscaler that starts and stops them.
 *
 * <p>Every request is proxied, whole and streamed, to the ready instance with the fewest requests in flight
 * that is under {@code containerConcurrency}. When none has room, the request is held in a bounded queue, as the
 * activator buffers it, and more instances are started while the concurrency (in flight plus held) exceeds the
 * target per instance, up to max-scale. A held request is answered 503 when the queue is full or its wait ends
 * ({@code devmesh.serving.activation-timeout}, at most the revision's {@code timeoutSeconds}); the broker retries
 * 503. An instance without a request in flight for the idle period is stopped, never below min-scale.
 *
 * <p>All state lives on one Vert.x event-loop context: requests, process exits and timers are handled there,
 * one at a time. {@link #status()} is a snapshot taken after every change.
 */
final class ServiceRuntime {

    private static final Logger LOG = Logger.getLogger(ServiceRuntime.class);
    private static final String LOOPBACK = "127.0.0.1";
    /** The activator probes a starting pod this often, so that a cold start ends as soon as the pod is ready. */
    private static final long PROBE_INTERVAL_MILLIS = 20;
    private static final long PROBE_TIMEOUT_MILLIS = 1_000;
    private static final long CONNECT_TIMEOUT_MILLIS = 2_000;
    /** An instance that fails to start is retried after 1 s, doubling up to 30 s, as a CrashLoopBackOff would. */
    private static final Duration FIRST_RESTART_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_RESTART_DELAY = Duration.ofSeconds(30);
    /** Variables of devmesh's own environment that configure devmesh, not the instances. */
    private static final List<String> OWN_PREFIXES = List.of("QUARKUS_", "DEVMESH_", "MP_", "SMALLRYE_", "K_");

    /** What each update brings: the Service, the topology its ConfigMaps and Secrets come from, and K_SINK. */
    record Inputs(Service service, Topology topology, URI sink) {
    }

    private final ResourceId id;
    private final Vertx vertx;
    private final Context context;
    private final HttpClient client;
    private final ProcessLauncher launcher;
    private final ServingConfig config;
    private final ServiceSettings settings;
    private final Map<String, String> inject;
    private final Path root;
    private final Path log;
    private final MeterRegistry meters;
    private final Counter coldStartCounter;
    private final Timer coldStartTimer;
    private final AtomicInteger instanceCount = new AtomicInteger();
    private final Gauge instanceGauge;
    private final HttpServer server;
    private final URI url;

    // Confined to the context.
    private final List<Instance> instances = new ArrayList<>();
    /** Held requests, oldest first; an entry whose phase is no longer QUEUED is skipped (answered or gone). */
    private final ArrayDeque<Held> queue = new ArrayDeque<>();
    private int queued;
    private Inputs inputs;
    private Revision latest;
    private int generations;
    /** The newest revision that had a ready instance: it gets the traffic, older ones drain. */
    private int servingGeneration;
    private long instanceSequence;
    private long coldStartSince = -1;
    private long coldStarts;
    private Long lastColdStartMs;
    private String lastError;
    private boolean startFailed;
    private int consecutiveFailures;
    private long restartNotBefore;
    private long restartTimer = -1;
    private long idleTimer = -1;
    private boolean closed;
    private volatile ServiceStatus status;

    /**
     * Binds the stable URL (blocking until it listens) on a new event-loop context.
     *
     * @param port the port of the stable URL, 0 for a free one
     * @param inject the variables every instance gets over its manifest's
     * @throws IllegalStateException if the port cannot be bound
     */
    ServiceRuntime(ResourceId id, int port, Vertx vertx, HttpClient client, ProcessLauncher launcher,
            ServingConfig config, ServiceSettings settings, Map<String, String> inject, Path root, Path log,
            MeterRegistry meters) {
        this.id = id;
        this.vertx = vertx;
        this.client = client;
        this.launcher = launcher;
        this.config = config;
        this.settings = settings;
        this.inject = inject;
        this.root = root;
        this.log = log;
        this.meters = meters;
        // Its own context, so that each Service's requests and bookkeeping run on one event loop, in order.
        this.context = ((VertxInternal) vertx).createEventLoopContext();
        Tags tags = Tags.of("namespace", id.namespace(), "service", id.name());
        this.coldStartCounter = Counter.builder("devmesh_serving_cold_starts")
                .description("Requests that found the Service without a ready instance and waited for one to start")
                .tags(tags).register(meters);
        this.coldStartTimer = Timer.builder("devmesh_serving_cold_start")
                .description("How long the first request held at zero waited for a ready instance")
                .tags(tags).register(meters);
        this.instanceGauge = Gauge.builder("devmesh_serving_instances", instanceCount, AtomicInteger::get)
                .description("Processes running for the Service").tags(tags).register(meters);

        CompletableFuture<HttpServer> listening = new CompletableFuture<>();
        context.runOnContext(ignored -> vertx.createHttpServer(new HttpServerOptions()
                        .setHost(LOOPBACK)
                        .setPort(port)
                        // HTTP/1.1, as the broker speaks it; the instances are reached over HTTP/1.1 too
                        .setHttp2ClearTextEnabled(false)
                        .setHandle100ContinueAutomatically(true))
                .requestHandler(this::onRequest)
                // A client that goes away mid-request is handled per request (clientGone); no error log.
                .connectionHandler(connection -> connection.exceptionHandler(error ->
                        LOG.debugf("Knative %s: a client connection failed: %s", id, error.toString())))
                .listen()
                .onComplete(bound -> {
                    if (bound.succeeded()) {
                        listening.complete(bound.result());
                    } else {
                        listening.completeExceptionally(bound.cause());
                    }
                }));
        try {
            this.server = listening.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            removeMeters();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot listen on " + LOOPBACK + ":" + port + " for Knative " + id + ": "
                    + cause, cause);
        }
        this.url = URI.create("http://" + LOOPBACK + ":" + server.actualPort());
        this.status = snapshot();
        context.runOnContext(ignored -> {
            long period = Math.max(20, Math.min(1_000, config.idle().toMillis() / 10));
            idleTimer = vertx.setPeriodic(period, tick -> stopIdleInstances());
        });
    }

    URI url() {
        return url;
    }

    int port() {
        return server.actualPort();
    }

    ServiceStatus status() {
        return status;
    }

    /** Applies a (possibly unchanged) Service: a changed template makes a new revision and rolls the instances. */
    void update(Inputs next) {
        context.runOnContext(ignored -> apply(next));
    }

    /** Stops taking requests, answers the held ones 503 and stops every instance. */
    void close() {
        removeMeters(); // now, so that a Service added again under the same name gets meters of its own
        context.runOnContext(ignored -> shutDown());
    }

    // ---- revisions ----

    private void apply(Inputs next) {
        if (closed) {
            return;
        }
        inputs = next;
        RevisionTemplateSpec template = next.service().getSpec() == null
                ? null
                : next.service().getSpec().getTemplate();
        if (latest != null && Objects.equals(latest.template(), template)) {
            return;
        }
        boolean rolling = instances.stream().anyMatch(Instance::live);
        latest = Revision.of(id.name(), ++generations, template);
        Scaling scaling = latest.scaling();
        LOG.infof("Knative %s: revision %s (min-scale %d, max-scale %d, target %s, containerConcurrency %d) at %s",
                id, latest.name(), scaling.minScale(), scaling.maxScale(), scaling.effectiveTarget(),
                scaling.containerConcurrency(), url);
        if (rolling) {
            // Start the new revision next to the old one, which keeps the traffic until the new one is ready.
            int initial = Math.min(Math.max(1, scaling.minScale()), scaling.limit(config.maxInstances()));
            for (int i = 0; i < initial && !closed; i++) {
                if (!launch(latest)) {
                    break;
                }
            }
        }
        scale();
        publish();
    }

    // ---- requests ----

    private void onRequest(HttpServerRequest request) {
        request.pause();
        Held held = new Held(request, System.nanoTime());
        if (closed || latest == null) {
            answer(held, 503, "Knative " + id + " is not served any more");
            return;
        }
        held.deadline = held.arrived + latest.scaling().timeout().toNanos();
        request.response().closeHandler(ignored -> clientGone(held));
        if (queued == 0) {
            Instance instance = pick();
            if (instance != null) {
                forward(held, instance);
                return;
            }
        }
        if (queued >= config.queueDepth()) {
            answer(held, 503, "Knative " + id + ": " + queued + " requests are already waiting for an instance"
                    + " (devmesh.serving.queue-depth)");
            return;
        }
        hold(held, false);
    }

    /** Queues a request until an instance has room, for at most the activation timeout. */
    private void hold(Held held, boolean first) {
        long now = System.nanoTime();
        long wait = Math.min(config.activationTimeout().toNanos(), held.deadline - now);
        if (wait <= 0) {
            held.phase = Held.Phase.DONE;
            answer(held, 503, "Knative " + id + ": the request timed out waiting for an instance");
            return;
        }
        held.phase = Held.Phase.QUEUED;
        held.instance = null;
        queued++;
        if (first) {
            queue.addFirst(held);
        } else {
            queue.addLast(held);
        }
        held.timer = vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), t -> expire(held));
        if (coldStartSince < 0 && instances.stream().noneMatch(i -> i.state == Instance.State.READY)) {
            coldStartSince = held.arrived;
        }
        scale();
        publish();
    }

    private void expire(Held held) {
        held.timer = -1;
        if (held.phase != Held.Phase.QUEUED) {
            return;
        }
        held.phase = Held.Phase.DONE;
        queued--;
        answer(held, 503, "Knative " + id + ": no instance could take the request within "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - held.arrived) + " ms"
                + (lastError == null ? "" : "; last error: " + lastError));
        publish();
    }

    private void clientGone(Held held) {
        switch (held.phase) {
            case QUEUED -> {
                held.phase = Held.Phase.DONE;
                cancelTimer(held);
                queued--;
                publish();
            }
            case FORWARDING -> {
                if (held.outbound != null) {
                    held.outbound.reset();
                }
                release(held);
            }
            default -> {
            }
        }
    }

    /** Hands held requests, oldest first, to instances with room. */
    private void dispatch() {
        while (queued > 0 && !queue.isEmpty()) {
            Held head = queue.peekFirst();
            if (head.phase != Held.Phase.QUEUED) {
                queue.pollFirst();
                continue;
            }
            Instance instance = pick();
            if (instance == null) {
                break;
            }
            queue.pollFirst();
            queued--;
            cancelTimer(head);
            forward(head, instance);
        }
        if (queued == 0) {
            queue.clear();
        }
    }

    /** The ready instance with room and the fewest requests in flight; the oldest on a tie, so the rest can idle. */
    private Instance pick() {
        Instance best = null;
        for (Instance instance : instances) {
            if (instance.hasRoom() && (best == null || instance.inFlight < best.inFlight)) {
                best = instance;
            }
        }
        return best;
    }

    private void forward(Held held, Instance instance) {
        held.phase = Held.Phase.FORWARDING;
        held.instance = instance;
        instance.inFlight++;
        instance.lastActiveNanos = System.nanoTime();
        long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(held.deadline - System.nanoTime()));
        held.timer = vertx.setTimer(remaining, t -> forwardTimedOut(held));

        HttpServerRequest request = held.request;
        RequestOptions options = new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(instance.port, LOOPBACK))
                .setMethod(request.method())
                .setURI(request.uri())
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        // The instance sees the Host the client used, the Service's URL, as behind Knative's activator.
        HostAndPort authority = request.authority();
        if (authority != null) {
            options.setHost(authority.host()).setPort(authority.port() > 0 ? authority.port() : 80);
        } else {
            options.setHost(LOOPBACK).setPort(instance.port);
        }
        client.request(options).onComplete(connected -> {
            if (held.phase != Held.Phase.FORWARDING || held.instance != instance) {
                if (connected.succeeded()) {
                    connected.result().reset();
                }
                return;
            }
            if (connected.failed()) {
                unreachable(held, instance, connected.cause());
                return;
            }
            HttpClientRequest outbound = connected.result();
            held.outbound = outbound;
            ProxyHeaders.copy(request.headers(), outbound.headers());
            outbound.headers().remove(HttpHeaders.HOST);
            Future<HttpClientResponse> response;
            if (request.headers().contains(HttpHeaders.CONTENT_LENGTH)
                    || request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
                if (!request.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                    outbound.setChunked(true);
                }
                response = outbound.send(request);
            } else {
                request.resume();
                response = outbound.send();
            }
            response.onComplete(answered -> {
                if (held.phase != Held.Phase.FORWARDING) {
                    return;
                }
                if (answered.failed()) {
                    release(held);
                    // The instance died or broke the connection mid-request: the broker retries 502.
                    answer(held, 502, "Knative " + id + ": instance " + instance + " failed the request: "
                            + describe(answered.cause()));
                    return;
                }
                relay(held, answered.result());
            });
        });
    }

    private void relay(Held held, HttpClientResponse response) {
        HttpServerResponse out = held.request.response();
        out.setStatusCode(response.statusCode());
        if (response.statusMessage() != null) {
            out.setStatusMessage(response.statusMessage());
        }
        ProxyHeaders.copy(response.headers(), out.headers());
        if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH)
                && bodyAllowed(held.request.method(), response.statusCode())) {
            out.setChunked(true);
        }
        // A body cut short must not look complete: reset instead of ending.
        response.pipe().endOnFailure(false).to(out).onComplete(piped -> {
            if (held.phase != Held.Phase.FORWARDING) {
                return;
            }
            release(held);
            if (piped.failed()) {
                response.request().reset();
                if (!out.ended()) {
                    out.reset();
                }
            }
        });
    }

    private void forwardTimedOut(Held held) {
        held.timer = -1;
        if (held.phase != Held.Phase.FORWARDING) {
            return;
        }
        if (held.outbound != null) {
            held.outbound.reset();
        }
        release(held);
        HttpServerResponse out = held.request.response();
        if (out.headWritten()) {
            out.reset();
        } else {
            // queue-proxy's answer when the revision's timeoutSeconds passes before a response.
            answer(held, 504, "Knative " + id + ": no response within timeoutSeconds ("
                    + latest.scaling().timeout().toSeconds() + ")");
        }
    }

    /** The instance refused the connection: it is gone or going. The request is untouched, so it waits again. */
    private void unreachable(Held held, Instance instance, Throwable cause) {
        cancelTimer(held);
        instance.inFlight--;
        if (instance.state == Instance.State.READY) {
            lastError = "instance " + instance + " refused a connection: " + describe(cause);
            LOG.warnf("Knative %s: %s", id, lastError);
            retire(instance);
        } else if (instance.state == Instance.State.DRAINING && instance.inFlight == 0) {
            stop(instance);
        }
        hold(held, true);
    }

    private void release(Held held) {
        held.phase = Held.Phase.DONE;
        cancelTimer(held);
        Instance instance = held.instance;
        instance.inFlight--;
        instance.lastActiveNanos = System.nanoTime();
        if (instance.state == Instance.State.DRAINING && instance.inFlight == 0) {
            stop(instance);
        }
        dispatch();
        publish();
    }

    private void answer(Held held, int statusCode, String message) {
        HttpServerResponse response = held.request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        held.request.resume(); // let an unread body drain, so the connection stays usable
        response.setStatusCode(statusCode)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end(message);
    }

    private void failQueued(int statusCode, String message) {
        for (Held held : queue) {
            if (held.phase == Held.Phase.QUEUED) {
                held.phase = Held.Phase.DONE;
                cancelTimer(held);
                answer(held, statusCode, message);
            }
        }
        queue.clear();
        queued = 0;
    }

    private void cancelTimer(Held held) {
        if (held.timer >= 0) {
            vertx.cancelTimer(held.timer);
            held.timer = -1;
        }
    }

    // ---- scaling ----

    /** Starts instances of the latest revision while the demand needs more, within min-scale and max-scale. */
    private void scale() {
        if (closed || latest == null) {
            return;
        }
        Scaling scaling = latest.scaling();
        int demand = queued;
        int live = 0;
        for (Instance instance : instances) {
            if (instance.live()) {
                demand += instance.inFlight;
                if (instance.revision == latest) {
                    live++;
                }
            }
        }
        int wanted = demand == 0 ? 0 : (int) Math.ceil(demand / scaling.effectiveTarget());
        wanted = Math.min(Math.max(wanted, scaling.minScale()), scaling.limit(config.maxInstances()));
        if (wanted <= live) {
            return;
        }
        if (System.nanoTime() < restartNotBefore) {
            scaleAfterBackoff();
            return;
        }
        for (int i = live; i < wanted; i++) {
            if (!launch(latest)) {
                return;
            }
        }
    }

    /** Looks again once the restart backoff is over, so that min-scale is restored without a request. */
    private void scaleAfterBackoff() {
        if (restartTimer >= 0 || closed) {
            return;
        }
        long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(restartNotBefore - System.nanoTime()));
        restartTimer = vertx.setTimer(wait, t -> {
            restartTimer = -1;
            scale();
        });
    }

    private void stopIdleInstances() {
        if (closed || queued > 0) {
            return;
        }
        long now = System.nanoTime();
        for (Instance instance : List.copyOf(instances)) {
            if (instance.state != Instance.State.READY || instance.inFlight > 0) {
                continue;
            }
            Scaling scaling = instance.revision.scaling();
            long live = instances.stream().filter(i -> i.revision == instance.revision && i.live()).count();
            if (live <= scaling.minScale()) {
                continue;
            }
            Duration idle = live == 1 ? scaling.lastInstanceIdle(config.idle()) : scaling.idle(config.idle());
            if (now - instance.lastActiveNanos >= idle.toNanos()) {
                LOG.infof("Knative %s: stopping %s, idle for %s", id, instance, idle);
                stop(instance);
            }
        }
    }

    // ---- instances ----

    /** @return false if the instance could not even be launched (the failure is recorded) */
    private boolean launch(Revision revision) {
        Instance instance = new Instance(revision, revision.name() + "-" + (++instanceSequence), FreePorts.find());
        instances.add(instance);
        List<String> command;
        Map<String, String> environment;
        try {
            command = CommandLine.of(settings, id.name(), root, config.javaOptions());
            environment = environment(instance);
        } catch (IllegalArgumentException | ContainerEnv.Unresolvable e) {
            instances.remove(instance);
            startFailure("cannot start " + revision.name() + ": " + e.getMessage());
            return false;
        }
        String banner = "---- devmesh: starting " + instance.name + " on port " + instance.port + ": "
                + String.join(" ", command);
        launcher.start(command, environment, root, log, banner)
                .whenComplete((process, error) -> context.runOnContext(ignored -> launched(instance, process, error)));
        publish();
        return true;
    }

    private void launched(Instance instance, Process process, Throwable error) {
        if (error != null) {
            instances.remove(instance);
            startFailure("cannot start " + instance.name + ": " + describe(error));
            scale();
            return;
        }
        instance.process = process;
        process.onExit().thenAccept(exited -> context.runOnContext(ignored -> exited(instance, exited.exitValue())));
        if (instance.state == Instance.State.STOPPING) {
            launcher.stop(process, config.stopGrace()); // stopped before its process existed
            return;
        }
        if (closed) {
            stop(instance);
            return;
        }
        LOG.infof("Knative %s: started %s (revision %s)", id, instance, instance.revision.name());
        vertx.setTimer(Math.max(1, config.activationTimeout().toMillis()), t -> {
            if (instance.state == Instance.State.STARTING) {
                stop(instance);
                startFailure(instance + " was not ready within " + config.activationTimeout().toSeconds()
                        + " s (GET " + settings.readinessPath() + "); see " + log);
            }
        });
        probe(instance);
        publish();
    }

    /** Polls the readiness path until it answers 200, as the activator probes a pod that is starting. */
    private void probe(Instance instance) {
        if (instance.state != Instance.State.STARTING || closed) {
            return;
        }
        RequestOptions options = new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(instance.port, LOOPBACK))
                .setHost(LOOPBACK)
                .setPort(instance.port)
                .setMethod(HttpMethod.GET)
                .setURI(settings.readinessPath())
                .setConnectTimeout(PROBE_TIMEOUT_MILLIS)
                .setIdleTimeout(PROBE_TIMEOUT_MILLIS);
        client.request(options)
                .compose(HttpClientRequest::send)
                .compose(response -> response.body().map(body -> response.statusCode()))
                .onComplete(probed -> {
                    if (instance.state != Instance.State.STARTING) {
                        return;
                    }
                    if (probed.succeeded() && probed.result() == 200) {
                        ready(instance);
                    } else {
                        vertx.setTimer(PROBE_INTERVAL_MILLIS, t -> probe(instance));
                    }
                });
    }

    private void ready(Instance instance) {
        long now = System.nanoTime();
        instance.state = Instance.State.READY;
        instance.lastActiveNanos = now;
        consecutiveFailures = 0;
        restartNotBefore = 0;
        startFailed = false;
        int generation = instance.revision.generation();
        LOG.infof("Knative %s: %s ready after %d ms", id, instance,
                TimeUnit.NANOSECONDS.toMillis(now - instance.launchedNanos));
        if (generation < servingGeneration) {
            retire(instance); // a newer revision took over while this one started
        } else if (generation > servingGeneration) {
            servingGeneration = generation;
            for (Instance other : List.copyOf(instances)) {
                if (other.revision.generation() < generation) {
                    retire(other);
                }
            }
        }
        if (coldStartSince >= 0) {
            long waited = now - coldStartSince;
            coldStartSince = -1;
            coldStarts++;
            lastColdStartMs = TimeUnit.NANOSECONDS.toMillis(waited);
            coldStartCounter.increment();
            coldStartTimer.record(waited, TimeUnit.NANOSECONDS);
            LOG.infof("Knative %s: cold start, the first held request waited %d ms", id, lastColdStartMs);
        }
        dispatch();
        publish();
    }

    /** No new requests; stopped once those in flight are done. */
    private void retire(Instance instance) {
        switch (instance.state) {
            case STARTING -> stop(instance);
            case READY -> {
                instance.state = Instance.State.DRAINING;
                if (instance.inFlight == 0) {
                    stop(instance);
                }
            }
            default -> {
            }
        }
    }

    private void stop(Instance instance) {
        if (instance.state == Instance.State.STOPPING) {
            return;
        }
        instance.state = Instance.State.STOPPING;
        if (instance.process != null) {
            launcher.stop(instance.process, config.stopGrace());
        }
        publish();
    }

    private void exited(Instance instance, int exitCode) {
        if (!instances.remove(instance)) {
            return;
        }
        switch (instance.state) {
            case STOPPING -> LOG.infof("Knative %s: %s stopped", id, instance);
            case STARTING -> startFailure(instance + " exited with code " + exitCode + " before it was ready; see "
                    + log);
            default -> {
                // Its requests in flight fail (502) and are retried by the broker; held ones go to a replacement.
                lastError = instance + " exited with code " + exitCode + "; see " + log;
                LOG.warnf("Knative %s: %s", id, lastError);
            }
        }
        if (!closed) {
            scale();
            dispatch();
        }
        publish();
    }

    private void startFailure(String reason) {
        lastError = reason;
        startFailed = true;
        consecutiveFailures++;
        long backoff = Math.min(MAX_RESTART_DELAY.toNanos(),
                FIRST_RESTART_DELAY.toNanos() << Math.min(consecutiveFailures - 1, 10));
        restartNotBefore = System.nanoTime() + backoff;
        scaleAfterBackoff();
        LOG.errorf("Knative %s: %s", id, reason);
        if (instances.stream().noneMatch(Instance::live)) {
            // Nothing is coming: say so now rather than at the end of the wait.
            coldStartSince = -1;
            failQueued(503, "Knative " + id + ": " + reason);
        }
        publish();
    }

    private Map<String, String> environment(Instance instance) throws ContainerEnv.Unresolvable {
        Map<String, String> environment = new LinkedHashMap<>();
        System.getenv().forEach((name, value) -> {
            String upper = name.toUpperCase(Locale.ROOT);
            if (OWN_PREFIXES.stream().noneMatch(upper::startsWith) && !upper.equals("PORT")) {
                environment.put(name, value);
            }
        });
        ContainerEnv.Resolved resolved = ContainerEnv.resolve(servingContainer(instance.revision.template()),
                id.namespace(), instance.name, inputs.topology());
        resolved.warnings().forEach(warning -> LOG.warnf("Knative %s: %s", id, warning));
        environment.putAll(resolved.variables());
        environment.putAll(inject);
        String port = String.valueOf(instance.port);
        environment.put("PORT", port);
        environment.put("QUARKUS_HTTP_PORT", port);
        environment.put("K_SERVICE", id.name());
        environment.put("K_CONFIGURATION", id.name());
        environment.put("K_REVISION", instance.revision.name());
        environment.put("K_SINK", inputs.sink().toString());
        return environment;
    }

    /** Knative serves through the one container that declares a port, or the only container. */
    private static Container servingContainer(RevisionTemplateSpec template) {
        if (template == null || template.getSpec() == null || template.getSpec().getContainers() == null
                || template.getSpec().getContainers().isEmpty()) {
            return null;
        }
        List<Container> containers = template.getSpec().getContainers();
        return containers.stream().filter(c -> c.getPorts() != null && !c.getPorts().isEmpty()).findFirst()
                .orElse(containers.get(0));
    }

    // ---- lifecycle and status ----

    private void shutDown() {
        if (closed) {
            return;
        }
        closed = true;
        if (idleTimer >= 0) {
            vertx.cancelTimer(idleTimer);
        }
        if (restartTimer >= 0) {
            vertx.cancelTimer(restartTimer);
        }
        failQueued(503, "Knative " + id + " was removed");
        for (Instance instance : List.copyOf(instances)) {
            stop(instance);
        }
        server.close();
        LOG.infof("Knative %s: removed", id);
        publish();
    }

    private void removeMeters() {
        meters.remove(coldStartCounter);
        meters.remove(coldStartTimer);
        meters.remove(instanceGauge);
    }

    private void publish() {
        instanceCount.set(instances.size());
        status = snapshot();
    }

    private ServiceStatus snapshot() {
        int ready = 0;
        int inFlight = 0;
        boolean starting = false;
        List<Long> pids = new ArrayList<>();
        for (Instance instance : instances) {
            if (instance.state == Instance.State.READY) {
                ready++;
            }
            starting |= instance.state == Instance.State.STARTING;
            inFlight += instance.inFlight;
            if (instance.process != null) {
                pids.add(instance.pid());
            }
        }
        String state = ready > 0 ? ServiceStatus.READY
                : starting ? ServiceStatus.STARTING
                : startFailed ? ServiceStatus.FAILED
                : ServiceStatus.SCALED_TO_ZERO;
        Scaling scaling = latest == null ? Scaling.defaults() : latest.scaling();
        return new ServiceStatus(id.namespace(), id.name(), url == null ? null : url.toString(), state,
                latest == null ? null : latest.name(), instances.size(), ready, inFlight, queued, coldStarts,
                lastColdStartMs, scaling.minScale(), scaling.maxScale(), scaling.effectiveTarget(),
                scaling.containerConcurrency(), scaling.timeout().toSeconds(), List.copyOf(pids), log.toString(),
                lastError);
    }

    private static boolean bodyAllowed(HttpMethod method, int status) {
        return method != HttpMethod.HEAD && status != 204 && status != 304 && status >= 200;
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** A request the Service received, from arrival to answer. */
    private static final class Held {

        enum Phase { NEW, QUEUED, FORWARDING, DONE }

        final HttpServerRequest request;
        final long arrived;
        long deadline;
        Phase phase = Phase.NEW;
        Instance instance;
        HttpClientRequest outbound;
        long timer = -1;

        Held(HttpServerRequest request, long arrived) {
            this.request = request;
            this.arrived = arrived;
        }
    }
}

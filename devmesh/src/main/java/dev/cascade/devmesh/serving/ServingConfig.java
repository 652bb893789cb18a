package dev.cascade.devmesh.serving;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How devmesh runs Knative Services locally ({@code devmesh.serving.*}). Durations take ISO-8601
 * ({@code PT30S}) or the short form ({@code 30s}, {@code 500ms}). The settings of one Service live under
 * {@code devmesh.services.<name>.*}, see {@link ServiceSettings}.
 */
@ConfigMapping(prefix = "devmesh.serving")
public interface ServingConfig {

    /**
     * The directory that {@code services/<name>/target/quarkus-app/quarkus-run.jar} and a relative
     * {@link #logDir()} are resolved against, and the working directory of every instance; devmesh's own working
     * directory when unset.
     */
    Optional<Path> root();

    /** Each Service's instances append their output to {@code <log-dir>/<service>.log}. */
    @WithDefault(".cascade/logs")
    Path logDir();

    /**
     * How long an instance may have no request in flight before it is stopped (never below min-scale). Knative
     * removes the last pod after a stable window (60 s) without traffic; the revision annotation
     * {@code autoscaling.knative.dev/window} overrides this per Service.
     */
    @WithDefault("60s")
    Duration idle();

    /**
     * The most instances of one Service, whatever its max-scale says: Knative's {@code max-scale-limit}, sized
     * for a laptop rather than a cluster.
     */
    @WithDefault("4")
    int maxInstances();

    /** Requests held per Service while no instance can take them; one more is answered 503 (the activator's 10000). */
    @WithDefault("10000")
    int queueDepth();

    /**
     * The longest a request is held waiting for an instance, at most the revision's {@code timeoutSeconds}; it is
     * then answered 503, which the broker retries. An instance not ready by then is stopped.
     */
    @WithDefault("60s")
    Duration activationTimeout();

    /**
     * The Broker that {@code K_SINK} points at, as a SinkBinding to it would: {@code <namespace>/<name>}, or a
     * bare name in the Service's own namespace.
     */
    @WithDefault("default")
    String sinkBroker();

    /**
     * Environment variables every instance gets on top of its manifest's, e.g.
     * {@code devmesh.serving.inject.QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://localhost:5432/cascade}: how a
     * local run reaches local infrastructure instead of the cluster's.
     */
    Map<String, String> inject();

    /** How long a stopped instance gets between SIGTERM and SIGKILL. */
    @WithDefault("10s")
    Duration stopGrace();

    /** JVM options for Services run from their {@code quarkus-run.jar}, e.g. {@code -Xmx256m -XX:+UseSerialGC}. */
    Optional<String> javaOptions();
}

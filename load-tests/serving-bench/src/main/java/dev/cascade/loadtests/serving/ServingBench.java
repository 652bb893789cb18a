package dev.cascade.loadtests.serving;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

import dev.cascade.loadtests.serving.EventSender.Answer;
import dev.cascade.loadtests.serving.EventSender.Burst;
import dev.cascade.loadtests.serving.Manifests.Deployment;

/**
 * The serving benchmark: devmesh in a child process with its embedded PostgreSQL and Kafka and one Knative Service per
 * fixture function and JVM variant, all scaled to zero; then, {@code --runs} times and interleaved, for each of them
 * the start to the first event handled, the instance's RSS after it, and a burst sent at zero against the same burst
 * warm. Prints the report and writes it as Markdown.
 */
public final class ServingBench {

    private final BenchOptions options;
    private final String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    private ServingBench(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("serving-bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        int status = 0;
        try {
            new ServingBench(options).run();
        } catch (BenchFailure e) {
            System.err.println("serving-bench: " + e.getMessage());
            status = 1;
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 1;
        }
        // Vert.x's threads are not daemons; devmesh and everything it ran are already stopped.
        System.exit(status);
    }

    private void run() {
        Path work = options.work();
        cleanLogs(work);
        Map<Deployment, String> skipped = new LinkedHashMap<>();
        List<Deployment> deployments = new ArrayList<>();
        for (Fixture fixture : Fixture.values()) {
            for (Variant variant : Variant.MEASURED) {
                if (!options.variants().contains(variant)) {
                    continue;
                }
                Deployment deployment = new Deployment(fixture, variant);
                String problem = variant.problem(options, fixture);
                if (problem == null) {
                    deployments.add(deployment);
                    if (variant == Variant.AOT25_TRAINED) {
                        deployments.add(new Deployment(fixture, Variant.TRAINING));
                    }
                } else {
                    skipped.put(deployment, problem);
                    say("%s: not run: %s", deployment.service(), problem);
                }
            }
        }
        if (deployments.isEmpty()) {
            throw new BenchFailure("no variant can run: build the fixtures first (load-tests/README.md)");
        }
        Facts facts = Facts.gather(options);
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        Path manifests = Manifests.write(deployments);
        Devmesh devmesh = null;
        try {
            devmesh = Devmesh.launch(options, manifests, work, deployments);
            Devmesh started = devmesh;
            // Also when the bench is stopped (Ctrl-C, SIGTERM): devmesh, the functions and the servers must not outlive it.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                Manifests.delete(manifests);
            }, "devmesh-stop"));
            say("devmesh: pid %d on 127.0.0.1:%d, log %s; starting PostgreSQL and Kafka …", devmesh.pid(),
                    devmesh.port(), devmesh.log());
            devmesh.awaitReady(Duration.ofSeconds(options.startupSeconds()));
            EventSender sender = new EventSender(options.concurrency(), options.requestTimeoutSeconds(), devmesh.port());
            await(vertx.deployVerticle(sender).toCompletionStage(), Duration.ofSeconds(10));

            // Every Service devmesh runs, training ones included: none may be up while a start is measured.
            List<Deployment> all = new ArrayList<>();
            for (Deployment deployment : deployments) {
                if (devmesh.service(deployment.service()).isEmpty()) {
                    String reason = "not in /devmesh/services; /devmesh/errors: " + devmesh.errors();
                    skipped.put(deployment, reason);
                    say("%s: not run: %s", deployment.service(), reason);
                } else {
                    all.add(deployment);
                }
            }
            List<Deployment> live = new ArrayList<>(all);
            live.removeIf(d -> d.variant() == Variant.TRAINING);
            // One unmeasured start and burst each: creates the table and the topic, reads the jars into the page
            // cache as a node that has the image would have them, and warms devmesh's own JIT, which would otherwise
            // make the first warm bursts slower than the later ones. A trained cache exists only after its training.
            for (Deployment deployment : List.copyOf(live)) {
                if (deployment.variant() != Variant.AOT25_TRAINED) {
                    prime(devmesh, sender, all, live, skipped, deployment);
                }
            }
            for (Deployment deployment : List.copyOf(live)) {
                if (deployment.variant() == Variant.AOT25_TRAINED) {
                    train(devmesh, sender, all, live, skipped, deployment);
                    prime(devmesh, sender, all, live, skipped, deployment);
                }
            }
            if (live.isEmpty()) {
                throw new BenchFailure("no function could be started; see " + work.resolve("logs"));
            }
            double loadBefore = loadAverage();
            List<Sample> samples = new ArrayList<>();
            for (int run = 1; run <= options.runs(); run++) {
                for (Deployment deployment : live) {
                    samples.add(measure(devmesh, sender, all, deployment, run));
                }
            }
            double loadAfter = loadAverage();
            String report = Report.render(options, facts, loadBefore, loadAfter, live, skipped, samples);
            System.out.println();
            System.out.println(report);
            System.out.println();
            write(options.out(), report);
            say("written to %s; devmesh's and the functions' logs in %s", options.out(), work);
        } finally {
            if (devmesh != null) {
                say("stopping devmesh, the functions, Kafka and PostgreSQL …");
                devmesh.close();
            }
            vertx.close().toCompletionStage().toCompletableFuture().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
            Manifests.delete(manifests);
        }
    }

    /** The first start and burst of a Service, unmeasured; one that fails leaves {@code live} for {@code skipped}. */
    private void prime(Devmesh devmesh, EventSender sender, List<Deployment> all, List<Deployment> live,
            Map<Deployment, String> skipped, Deployment deployment) {
        if (!live.contains(deployment)) {
            return;
        }
        say("%s: first start and burst (unmeasured) …", deployment.service());
        String problem = startAndBurst(devmesh, sender, all, deployment, runId + "-prime-" + deployment.service() + "-");
        if (problem != null) {
            live.remove(deployment);
            skipped.put(deployment, problem);
            say("%s: not run: %s", deployment.service(), problem);
        }
    }

    /**
     * Records {@code trained}'s AOT cache: the training Service (the same aot-jar with {@code -XX:AOTCacheOutput}) gets
     * one event and one burst and is let go to zero; its JVM writes the cache as it exits.
     */
    private void train(Devmesh devmesh, EventSender sender, List<Deployment> all, List<Deployment> live,
            Map<Deployment, String> skipped, Deployment trained) {
        Deployment training = new Deployment(trained.fixture(), Variant.TRAINING);
        Path cache = Variant.TRAINING.archive(options, trained.fixture());
        String problem;
        if (!all.contains(training)) {
            problem = "its training Service " + training.service() + " is not run";
        } else {
            try {
                Files.createDirectories(cache.getParent());
                Files.deleteIfExists(cache);
            } catch (IOException e) {
                throw new BenchFailure("cannot prepare " + cache + ": " + e.getMessage());
            }
            say("%s: training run for %s …", training.service(), cache);
            problem = startAndBurst(devmesh, sender, all, training, runId + "-training-" + trained.service() + "-");
            // The cache is written as the JVM exits, after devmesh stopped it for being idle.
            awaitAllAtZero(devmesh, all);
            if (problem == null && !Files.isRegularFile(cache)) {
                problem = "the training run wrote no " + cache + "; see " + state(devmesh, training.service()).log();
            }
        }
        if (problem != null) {
            live.remove(trained);
            skipped.put(trained, "training: " + problem);
            say("%s: not run: training: %s", trained.service(), problem);
        }
    }

    /** One event and one burst from zero; returns what went wrong, or {@code null}. */
    private String startAndBurst(Devmesh devmesh, EventSender sender, List<Deployment> all, Deployment deployment,
            String prefix) {
        awaitAllAtZero(devmesh, all);
        Answer answer = sendOne(sender, deployment, prefix + "first");
        String problem = null;
        if (!answer.ok()) {
            problem = "its first event got " + (answer.status() > 0 ? "HTTP " + answer.status() : answer.failure());
        } else {
            Burst burst = burst(sender, deployment, prefix);
            if (!burst.clean()) {
                problem = "its first burst got " + burst.ok() + " 2xx of " + burst.events() + ", non-2xx "
                        + burst.byStatus() + ", " + burst.failed() + " failed"
                        + (burst.firstFailure() == null ? "" : ": " + burst.firstFailure());
            }
        }
        if (problem == null) {
            return null;
        }
        ServiceState state = state(devmesh, deployment.service());
        return problem + (state.lastError() == null ? "" : "; devmesh: " + state.lastError()) + "; see " + state.log();
    }

    private Sample measure(Devmesh devmesh, EventSender sender, List<Deployment> all, Deployment deployment, int run) {
        String service = deployment.service();
        String prefix = runId + "-" + run + "-" + service + "-";
        List<String> problems = new ArrayList<>();

        awaitAllAtZero(devmesh, all);
        ServiceState atZero = state(devmesh, service);
        Answer first = sendOne(sender, deployment, prefix + "first");
        ServiceState afterFirst = state(devmesh, service);
        long rss = afterFirst.pids().isEmpty() ? -1 : ProcStatus.rssKib(afterFirst.pids().get(0)).orElse(-1);
        if (afterFirst.coldStarts() != atZero.coldStarts() + 1) {
            problems.add("first event: " + (afterFirst.coldStarts() - atZero.coldStarts()) + " cold starts, not 1");
        }
        if (rss < 0) {
            problems.add("no instance to read the RSS of after the first event");
        }

        awaitAllAtZero(devmesh, all);
        ServiceState beforeBurst = state(devmesh, service);
        Burst cold = burst(sender, deployment, prefix + "cold-");
        ServiceState afterCold = state(devmesh, service);
        Burst warm = burst(sender, deployment, prefix + "warm-");
        ServiceState afterWarm = state(devmesh, service);
        long rssAfter = afterWarm.pids().isEmpty() ? -1 : ProcStatus.rssKib(afterWarm.pids().get(0)).orElse(-1);
        if (afterCold.coldStarts() != beforeBurst.coldStarts() + 1) {
            problems.add("cold burst: " + (afterCold.coldStarts() - beforeBurst.coldStarts()) + " cold starts, not 1");
        }
        if (afterWarm.coldStarts() != afterCold.coldStarts() || !afterWarm.pids().equals(afterCold.pids())) {
            problems.add("warm burst: not served by the instance of the cold one (pids " + afterCold.pids() + " → "
                    + afterWarm.pids() + ")");
        }
        Sample sample = new Sample(run, deployment.fixture(), deployment.variant(), first,
                afterFirst.lastColdStartMs(), rss, cold, afterCold.lastColdStartMs(), warm, rssAfter,
                List.copyOf(problems));
        say("run %d, %-22s first event %6.0f ms (HTTP %d, cold start %s ms), RSS %s MiB; burst cold %6.0f ms, "
                        + "warm %6.0f ms (%.2f×)%s", run, service, first.millis(), first.status(),
                afterFirst.lastColdStartMs(), rss < 0 ? "?" : String.valueOf(rss / 1024), cold.millis(), warm.millis(),
                sample.coldWarmRatio(), sample.clean() ? "" : " — " + Report.problems(sample));
        return sample;
    }

    private Answer sendOne(EventSender sender, Deployment deployment, String id) {
        return await(sender.sendOne(deployment.fixture(), deployment.variant(), id),
                Duration.ofSeconds(options.requestTimeoutSeconds() + 5L));
    }

    private Burst burst(EventSender sender, Deployment deployment, String idPrefix) {
        // Each request ends within the request timeout, and at most concurrency of them run at once.
        long rounds = (options.burst() + options.concurrency() - 1) / options.concurrency();
        return await(sender.burst(deployment.fixture(), deployment.variant(), idPrefix, options.burst(),
                options.concurrency()), Duration.ofSeconds(options.requestTimeoutSeconds() * (rounds + 1)));
    }

    /**
     * Waits until every Service of the run is at zero, so that no idle or still-compiling JVM shares the cores with
     * the start being measured.
     */
    private void awaitAllAtZero(Devmesh devmesh, List<Deployment> all) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.scaleToZeroSeconds());
        for (Deployment deployment : all) {
            while (true) {
                ServiceState state = state(devmesh, deployment.service());
                if (state.atZero() || ServiceState.FAILED.equals(state.state())) {
                    break;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new BenchFailure(deployment.service() + " was not scaled to zero within "
                            + options.scaleToZeroSeconds() + " s: state " + state.state() + ", " + state.instances()
                            + " instances");
                }
                sleep(Duration.ofMillis(50));
            }
        }
    }

    private static ServiceState state(Devmesh devmesh, String service) {
        Optional<ServiceState> state = devmesh.service(service);
        return state.orElseThrow(() -> new BenchFailure(service + " disappeared from /devmesh/services"));
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Logs of an earlier run would be appended to: start them afresh. */
    private static void cleanLogs(Path work) {
        try {
            Files.createDirectories(work.resolve("logs"));
            Files.deleteIfExists(work.resolve("devmesh.log"));
            try (var logs = Files.newDirectoryStream(work.resolve("logs"), "*.log")) {
                for (Path log : logs) {
                    Files.delete(log);
                }
            }
        } catch (IOException e) {
            throw new BenchFailure("cannot prepare " + work + ": " + e.getMessage());
        }
    }

    private static void write(Path out, String report) {
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, report + System.lineSeparator());
        } catch (IOException e) {
            throw new BenchFailure("cannot write " + out + ": " + e.getMessage());
        }
    }

    static void say(String format, Object... args) {
        System.out.println("serving-bench: " + String.format(format, args));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }

    private static <T> T await(CompletionStage<T> stage, Duration timeout) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new BenchFailure(String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            throw new BenchFailure("no answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }
}

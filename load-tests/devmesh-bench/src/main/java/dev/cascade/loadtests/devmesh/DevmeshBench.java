package dev.cascade.loadtests.devmesh;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import dev.cascade.localinfra.LocalKafkaProcess;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.json.JsonObject;

import dev.cascade.loadtests.devmesh.LoadGenerator.Target;
import dev.cascade.loadtests.devmesh.Results.Latency;
import dev.cascade.loadtests.devmesh.Results.Problems;
import dev.cascade.loadtests.devmesh.Results.Throughput;

/**
 * The devmesh benchmark: a no-op subscriber, devmesh in a child process with one broker per class and one Trigger
 * each, then for every target (direct, MT broker, Kafka broker) a closed-loop throughput phase and an open-loop
 * latency phase at half the MT broker's throughput. Prints the report and writes it as Markdown.
 */
public final class DevmeshBench {

    /** Two loops: the subscriber has one and the producer the other, so neither waits behind the other. */
    static final int EVENT_LOOPS = 2;
    /** The pacer's first event is this far in the future, so it never starts late. */
    private static final long OPEN_LOOP_LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How far the pacer may fall behind its schedule before it gives up on the rest. */
    private static final long PACER_SLACK_NANOS = TimeUnit.SECONDS.toNanos(5);

    static final String MT_TARGET = "MT broker";
    static final String KAFKA_TARGET = "Kafka broker";

    private final BenchOptions options;
    private final String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private int phases;

    private DevmeshBench(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("devmesh-bench: " + e.getMessage());
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
            new DevmeshBench(options).run();
        } catch (BenchFailure e) {
            System.err.println("devmesh-bench: " + e.getMessage());
            status = 1;
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 1;
        }
        // Vert.x's threads are not daemons; the devmesh child is already stopped.
        System.exit(status);
    }

    /** What every phase uses: the two verticles of the bench's Vert.x and the devmesh child. */
    private record Rig(NoopSubscriber subscriber, LoadGenerator generator, Devmesh devmesh) {
    }

    /** The Kafka broker's own JVM (--kafka process): small, and its collector apart from devmesh's. */
    static final List<String> KAFKA_JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");

    private void run() {
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(EVENT_LOOPS)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        Path manifests = null;
        Devmesh devmesh = null;
        LocalKafkaProcess kafka = null;
        try {
            NoopSubscriber subscriber = new NoopSubscriber();
            await(vertx.deployVerticle(subscriber).toCompletionStage(), Duration.ofSeconds(10));
            LoadGenerator generator = new LoadGenerator(options.concurrency(), options.requestTimeoutSeconds());
            await(vertx.deployVerticle(generator).toCompletionStage(), Duration.ofSeconds(10));

            manifests = Manifests.write("http://127.0.0.1:" + subscriber.port() + "/");
            List<String> kafkaArgs = switch (options.kafka()) {
                case PROCESS -> {
                    kafka = LocalKafkaProcess.start(KAFKA_JVM_OPTIONS, options.out().resolveSibling("kafka.log"));
                    say("Kafka: pid %d at %s, in a JVM of its own (%s)", kafka.pid(), kafka.bootstrapServers(),
                            String.join(" ", KAFKA_JVM_OPTIONS));
                    yield List.of("-Ddevmesh.kafka.bootstrap-servers=" + kafka.bootstrapServers());
                }
                case EMBEDDED -> List.of("-Ddevmesh.kafka.embedded=true");
                case NONE -> List.of();
            };
            devmesh = Devmesh.launch(vertx, options, manifests, options.out().resolveSibling("devmesh.log"), kafkaArgs);
            Devmesh started = devmesh;
            LocalKafkaProcess startedKafka = kafka;
            Path written = manifests;
            // Also when the bench is stopped (Ctrl-C, SIGTERM): devmesh and Kafka must not outlive it.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                if (startedKafka != null) {
                    startedKafka.close();
                }
                Manifests.delete(written);
            }, "devmesh-stop"));
            say("devmesh: pid %d on 127.0.0.1:%d, log %s", devmesh.pid(), devmesh.port(), devmesh.log());
            devmesh.awaitReady(Duration.ofSeconds(options.startupSeconds()));
            Rig rig = new Rig(subscriber, generator, devmesh);

            List<Target> targets = new ArrayList<>();
            targets.add(new Target("direct", "127.0.0.1", subscriber.port(), "/"));
            String mtProblem = unavailability(devmesh, Manifests.MT_BROKER);
            if (mtProblem != null) {
                throw new BenchFailure("the MT broker is not usable: " + mtProblem);
            }
            Target mt = brokerTarget(MT_TARGET, devmesh, Manifests.MT_BROKER);
            targets.add(mt);
            String kafkaProblem = unavailability(devmesh, Manifests.KAFKA_BROKER);
            if (kafkaProblem == null) {
                targets.add(brokerTarget(KAFKA_TARGET, devmesh, Manifests.KAFKA_BROKER));
            } else {
                say("Kafka class: %s (%s)", Report.KAFKA_UNAVAILABLE, kafkaProblem);
            }
            double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

            List<Throughput> throughputs = new ArrayList<>();
            for (Target target : targets) {
                throughputs.add(throughput(rig, target));
            }
            // Each broker class at half its own throughput, with a direct baseline at the same rate: pairs of
            // (direct, broker) in the list, so every added p99 compares like with like.
            List<Latency> latencies = new ArrayList<>();
            for (int i = 1; i < targets.size(); i++) {
                int rate = options.rate() > 0 ? options.rate() : halfOf(throughputs.get(i));
                latencies.add(latency(rig, targets.get(0), rate));
                latencies.add(latency(rig, targets.get(i), rate));
            }

            String report = Report.render(options, loadAverage, throughputs, latencies, kafkaProblem,
                    subscriber.strays());
            System.out.println();
            System.out.println(report);
            System.out.println();
            write(options.out(), report);
            say("written to %s", options.out());
        } finally {
            if (devmesh != null) {
                devmesh.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            vertx.close().toCompletionStage().toCompletableFuture().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
            if (manifests != null) {
                Manifests.delete(manifests);
            }
        }
    }

    /** Why the benchmark cannot use this broker, or {@code null} if it can. */
    private static String unavailability(Devmesh devmesh, String broker) {
        if (devmesh.broker(broker).isEmpty()) {
            List<String> errors = devmesh.errorsMentioning(Devmesh.NAMESPACE + "/" + broker);
            return "broker " + Devmesh.NAMESPACE + "/" + broker + " is not in /devmesh/brokers"
                    + (errors.isEmpty() ? "" : "; /devmesh/errors: " + String.join("; ", errors));
        }
        Optional<JsonObject> trigger = devmesh.trigger(Manifests.triggerOf(broker));
        if (trigger.isEmpty()) {
            return "trigger " + Devmesh.NAMESPACE + "/" + Manifests.triggerOf(broker) + " is not in /devmesh/triggers";
        }
        if (!trigger.get().getBoolean("ready", false)) {
            return "trigger " + Manifests.triggerOf(broker) + " is not ready: " + trigger.get().getString("reason");
        }
        return null;
    }

    private static Target brokerTarget(String name, Devmesh devmesh, String broker) {
        return new Target(name, "127.0.0.1", devmesh.port(), "/" + Devmesh.NAMESPACE + "/" + broker);
    }

    private static int halfOf(Throughput broker) {
        long rate = Math.round(broker.okPerSecond() / 2);
        if (rate < 1) {
            throw new BenchFailure(broker.target() + " answered no 2xx in the throughput phase: "
                    + broker.problems().first());
        }
        return (int) rate;
    }

    /** Closed loop: {@code concurrency} in flight for warm-up plus measured seconds; the window is the latter. */
    private Throughput throughput(Rig rig, Target target) {
        say("throughput, %s: %d in flight, %d s warm-up + %d s", target.name(), options.concurrency(),
                options.warmupSeconds(), options.seconds());
        Phase phase = Phase.counting(nextPrefix());
        rig.subscriber().countInto(phase);
        long windowStart = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        long end = windowStart + TimeUnit.SECONDS.toNanos(options.seconds());
        CompletableFuture<Void> finished = rig.generator().closedLoop(target, phase, options.concurrency(), end);

        sleepUntil(windowStart);
        long okBefore = phase.ok();
        long deliveredBefore = phase.delivered();
        CpuClock before = CpuClock.read(rig.devmesh());
        sleepUntil(end);
        long okAfter = phase.ok();
        long deliveredAfter = phase.delivered();
        CpuClock after = CpuClock.read(rig.devmesh());
        try {
            await(finished, Duration.ofSeconds(options.requestTimeoutSeconds() + 5L));
        } catch (BenchFailure e) {
            throw new BenchFailure(target.name() + ": the closed loop did not finish (" + e.getMessage() + ")");
        }
        long undelivered = drain(phase);
        rig.subscriber().countInto(null);

        double seconds = (after.nanos() - before.nanos()) / 1e9;
        Throughput result = new Throughput(target.name(), (okAfter - okBefore) / seconds,
                (deliveredAfter - deliveredBefore) / seconds, before.until(after), Problems.of(phase, undelivered));
        say("  %,.0f events/s answered 2xx, %,.0f delivered/s", result.okPerSecond(), result.deliveredPerSecond());
        return result;
    }

    /** Open loop at {@code rate}: a warm-up phase, discarded, then the measured one. */
    private Latency latency(Rig rig, Target target, int rate) {
        say("latency, %s: %,d events/s, %d s warm-up + %d s", target.name(), rate, options.warmupSeconds(),
                options.seconds());
        Problems warmUp = Problems.NONE;
        if (options.warmupSeconds() > 0) {
            Phase warm = openLoop(rig, target, rate, options.warmupSeconds()).phase();
            warmUp = Problems.of(warm, Math.max(0, warm.ok() - warm.delivered()));
        }
        CpuClock before = CpuClock.read(rig.devmesh());
        OpenLoop measured = openLoop(rig, target, rate, options.seconds());
        CpuClock after = CpuClock.read(rig.devmesh());
        Latency result = Results.latencyOf(target.name(), rate, measured.released(), measured.phase(),
                before.until(after), warmUp);
        say("  p50 %.2f ms, p99 %.2f ms, max %.2f ms", result.done().getValueAtPercentile(50) / 1000.0,
                result.done().getValueAtPercentile(99) / 1000.0, result.done().getMaxValue() / 1000.0);
        return result;
    }

    private record OpenLoop(Phase phase, int released) {
    }

    /** Releases {@code rate × seconds} events on schedule, then waits for every answer and delivery (bounded). */
    private OpenLoop openLoop(Rig rig, Target target, int rate, int seconds) {
        long count = (long) rate * seconds;
        if (count > BenchOptions.MAX_LATENCY_EVENTS) {
            throw new BenchFailure(count + " events in one latency phase is too many: lower --seconds or --rate");
        }
        long origin = System.nanoTime() + OPEN_LOOP_LEAD_NANOS;
        Phase phase = Phase.scheduled(nextPrefix(), origin, rate, (int) count);
        rig.subscriber().countInto(phase);
        long deadline = origin + TimeUnit.SECONDS.toNanos(seconds) + PACER_SLACK_NANOS;
        int released = await(rig.generator().openLoop(target, phase, deadline),
                Duration.ofSeconds(seconds).plusNanos(OPEN_LOOP_LEAD_NANOS + PACER_SLACK_NANOS).plusSeconds(1));
        if (!waitFor(() -> phase.answered() >= released, Duration.ofSeconds(options.requestTimeoutSeconds() + 5L))) {
            throw new BenchFailure(target.name() + ": " + (released - phase.answered())
                    + " requests neither answered nor failed after the request timeout");
        }
        drain(phase);
        rig.subscriber().countInto(null);
        return new OpenLoop(phase, released);
    }

    /** Waits until the subscriber has had every event answered 2xx; returns how many it has not had (bounded). */
    private long drain(Phase phase) {
        waitFor(() -> phase.delivered() >= phase.ok(), Duration.ofSeconds(options.drainSeconds()));
        return Math.max(0, phase.ok() - phase.delivered());
    }

    private static void sleepUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Devmesh.sleep(Duration.ofNanos(left));
        }
    }

    private String nextPrefix() {
        return runId + "-" + (++phases) + "-";
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
        System.out.println("devmesh-bench: " + String.format(format, args));
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

    /** Polls {@code reached} until it is true or {@code timeout} passes; returns whether it became true. */
    static boolean waitFor(BooleanSupplier reached, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Devmesh.sleep(Duration.ofMillis(10));
        }
        return true;
    }
}

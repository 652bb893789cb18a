package dev.cascade.loadtests.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.observability.PrometheusText;
import dev.cascade.loadtests.devices.DeviceSimulation;
import dev.cascade.loadtests.devices.RecordFormat;
import dev.cascade.loadtests.devices.SimulationPlan;
import dev.cascade.localinfra.LocalKafka;
import dev.cascade.localinfra.LocalPostgres;

/**
 * The telemetry ingest benchmark of issue 8: readings/s through telemetry-service (Kafka ingest → validation →
 * window store in PostgreSQL) against Kafka's own ConsumerPerformance, on the same broker and the same topic contents
 * in the same run. Starts a real Kafka and PostgreSQL (local-infra), fills the raw topic once with the device
 * simulator's readings, runs the baseline, then {@code --repeat} pipeline runs, each a fresh telemetry-service JVM on a
 * fresh database and consumer group; prints the summary and writes the JSON report.
 */
public final class TelemetryBench {

    static final String TOPIC = Topics.TELEMETRY_READINGS_RAW;
    static final String READINGS_METRIC = "cascade_telemetry_readings_total";
    /** The devices telemetry-service seeds: dev-0001 … dev-0050, three sensors each. */
    static final int DEVICES = 50;
    static final int SERIES = DEVICES * 3;
    static final int INTERVAL_SECONDS = 10;
    /** How often the metrics are read while a run goes: the end is known to this much (plus one scrape). */
    static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    /** Without progress for this long, the service's liveness is asked why (a consumer's fail-stop leaves it running). */
    private static final Duration STALLED = Duration.ofSeconds(2);

    private final BenchOptions options;
    private final String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final Resources resources = new Resources();

    private TelemetryBench(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, Path.of(""));
        } catch (IllegalArgumentException e) {
            System.err.println("telemetry-bench: " + e.getMessage());
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
            new TelemetryBench(options).run();
        } catch (BenchFailure e) {
            System.err.println("telemetry-bench: " + e.getMessage());
            status = 1;
        } catch (RuntimeException | IOException e) {
            e.printStackTrace();
            status = 1;
        }
        // Kafka's and the HTTP clients' threads would keep the JVM; everything the bench started is stopped.
        System.exit(status);
    }

    private void run() throws IOException {
        if (!Files.isRegularFile(options.serviceJar())) {
            throw new BenchFailure("no telemetry-service jar at " + options.serviceJar()
                    + ": build it with ./mvnw -B -q -pl services/telemetry-service -am package -DskipTests");
        }
        Path work = options.work();
        Files.createDirectories(work);
        // Also on Ctrl-C or SIGTERM: the service JVM, Kafka and PostgreSQL must not outlive the bench.
        Runtime.getRuntime().addShutdownHook(new Thread(resources::close, "telemetry-bench-stop"));
        try {
            say("telemetry-bench %s: %,d readings, %d partition(s), %d pipeline run(s); logs in %s", runId,
                    options.count(), options.partitions(), options.repeat(), work);
            say("starting PostgreSQL and Kafka …");
            LocalPostgres postgres = resources.add(LocalPostgres.start());
            LocalKafka kafka = resources.add(LocalKafka.start());
            WindowSink sink = resources.add(WindowSink.start());

            SimulationPlan plan = new SimulationPlan(DEVICES, options.count(), INTERVAL_SECONDS,
                    TopicFiller.startFor(options.count(), SERIES, INTERVAL_SECONDS, Instant.now()), options.seed(),
                    options.invalidShare(), 0, RecordFormat.STRUCTURED);
            say("writing %,d readings of %d devices (seed %d, invalid share %s, event time from %s) to %s …",
                    plan.count(), plan.devices(), plan.seed(), plan.invalidShare(), plan.start(), TOPIC);
            TopicFiller.Filled filled = TopicFiller.fill(kafka.bootstrapServers(), TOPIC, options.partitions(),
                    new DeviceSimulation(plan));
            say("topic filled: %,d records, %.1f MB, acknowledged in %.1f s (not measured)", filled.records(),
                    filled.bytes() / 1e6, filled.seconds());

            say("baseline: ConsumerPerformance over the topic …");
            ConsumerPerformanceBaseline.Result baseline = ConsumerPerformanceBaseline.run(options,
                    kafka.bootstrapServers(), TOPIC, "telemetry-bench-perf-" + runId, work);
            say("baseline: %,.0f records/s (nMsg.sec), %,.0f without the group join (fetch.nMsg.sec)",
                    baseline.recordsPerSecond(), baseline.fetchRecordsPerSecond());

            List<PipelineRun> runs = new ArrayList<>();
            for (int k = 1; k <= options.repeat(); k++) {
                PipelineRun run = pipeline(k, postgres, kafka, sink);
                runs.add(run);
                say("run %d: %,.0f readings/s from ready, %,.0f from the first batch", k, run.readingsPerSecond(),
                        run.steadyReadingsPerSecond());
            }
            Report report = new Report(options, plan, filled, baseline, runs);
            System.out.println(report.summary());
            report.write(options.out());
            say("report %s", options.out());
        } finally {
            resources.close();
        }
    }

    /** One measured run: a fresh service JVM, database and consumer group over the whole topic. */
    private PipelineRun pipeline(int k, LocalPostgres postgres, LocalKafka kafka, WindowSink sink) {
        long total = options.count();
        String database = "telemetry_run_" + k;
        postgres.ensureDatabase(database);
        String group = "telemetry-bench-" + runId + "-" + k;
        sink.reset();
        int port = TelemetryService.freePort();
        Map<String, String> environment = TelemetryService.environment(port, kafka.bootstrapServers(),
                postgres.jdbcUrl(database), postgres.username(), postgres.password(), sink.url(), group);
        Path log = options.work().resolve("telemetry-service-" + k + ".log");
        say("run %d: starting telemetry-service (%s), database %s, group %s, log %s", k,
                String.join(" ", options.serviceJvm()), database, group, log);
        long launched = System.nanoTime();
        try (TelemetryService service = resources.add(TelemetryService.launch(options, port, environment, log))) {
            service.awaitReady(Duration.ofSeconds(options.startupSeconds()));
            long ready = System.nanoTime();
            CpuClock clock = new CpuClock(service.pid(), postgres.dataDirectory());
            CpuClock.Snapshot cpuFrom = clock.take();
            long atReady = processed(service.metrics());
            say("run %d: ready after %.1f s, %,d readings processed by then", k, (ready - launched) / 1e9, atReady);

            long firstAt = atReady > 0 ? ready : -1;
            long atFirst = atReady;
            long count = atReady;
            long lastProgress = ready;
            long lastSaid = ready;
            long end = ready;
            while (count < total) {
                sleep(POLL);
                String metrics = service.metrics();
                long now = System.nanoTime();
                long seen = processed(metrics);
                if (seen > 0 && firstAt < 0) {
                    firstAt = now;
                    atFirst = seen;
                }
                if (seen > count) {
                    count = seen;
                    lastProgress = now;
                }
                end = now;
                if (count < total && now - lastProgress > STALLED.toNanos()) {
                    service.problem().ifPresent(problem -> {
                        throw new BenchFailure("run " + k + ": telemetry-service is not live: " + problem + "; see "
                                + log);
                    });
                }
                if (count < total && now - lastProgress > Duration.ofSeconds(options.stallSeconds()).toNanos()) {
                    throw new BenchFailure(String.format(Locale.ROOT,
                            "run %d: no reading processed for %d s, at %,d of %,d; see %s", k, options.stallSeconds(),
                            count, total, log));
                }
                if (now - lastSaid >= PROGRESS_EVERY.toNanos()) {
                    lastSaid = now;
                    say("run %d: %,d of %,d readings, %,.0f/s so far", k, count, total,
                            Throughput.perSecond(count - atReady, (now - ready) / 1e9));
                }
            }
            CpuClock.Snapshot cpuTo = clock.take();
            CpuClock.Usage cpu = CpuClock.Usage.between(cpuFrom, cpuTo, Runtime.getRuntime().availableProcessors());
            Map<String, Double> outcomes = outcomes(service.metrics());

            Store store = drain(k, postgres, database, group, kafka.bootstrapServers(), sink);
            WindowSink.Counts posted = sink.counts();
            return new PipelineRun(k, database, group, total, (ready - launched) / 1e9, atReady, (end - ready) / 1e9,
                    atFirst, firstAt < 0 ? Double.NaN : (end - firstAt) / 1e9, outcomes, store.readings(),
                    store.windows(), store.closed(), posted.windows(), posted.posts(), store.unpublished(),
                    store.committed(), cpu);
        }
    }

    /** Counts in the run's database, and the offsets its consumer group committed. */
    private record Store(long readings, long windows, long closed, long unpublished, long committed) {
    }

    /**
     * Waits (not measured) until the outbox is empty, the sink has every closed window and the group has committed
     * every offset (the throttled commit strategy commits every few seconds), at most {@code --drain-timeout}; answers
     * the counts then.
     */
    private Store drain(int k, LocalPostgres postgres, String database, String group, String bootstrapServers,
            WindowSink sink) {
        long deadline = System.nanoTime() + Duration.ofSeconds(options.drainSeconds()).toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Store store = store(postgres, database, admin, group);
            while (!drained(store, sink) && System.nanoTime() - deadline < 0) {
                sleep(Duration.ofMillis(500));
                store = store(postgres, database, admin, group);
            }
            if (!drained(store, sink)) {
                say("run %d: after %d s, %,d closed windows unpublished, %,d of %,d at the sink, %,d offsets committed", k,
                        options.drainSeconds(), store.unpublished(), sink.counts().windows(), store.closed(),
                        store.committed());
            }
            return store;
        }
    }

    private boolean drained(Store store, WindowSink sink) {
        return store.unpublished() == 0 && sink.counts().windows() >= store.closed() && store.committed() >= options.count();
    }

    private static Store store(LocalPostgres postgres, String database, Admin admin, String group) {
        try (Connection connection = postgres.connect(database); Statement statement = connection.createStatement()) {
            return new Store(
                    single(statement, "select count(*) from telemetry.reading"),
                    single(statement, "select count(*) from telemetry.sensor_window"),
                    single(statement, "select count(*) from telemetry.sensor_window where closed_at is not null"),
                    single(statement, "select count(*) from telemetry.outbox where published_at is null"),
                    committedOffsets(admin, group));
        } catch (SQLException e) {
            throw new BenchFailure("cannot read the counts of database " + database + ": " + e.getMessage());
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The offsets {@code group} committed, summed over partitions: the topic's record count once all is acknowledged. */
    private static long committedOffsets(Admin admin, String group) {
        try {
            Map<?, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
        } catch (ExecutionException e) {
            throw new BenchFailure("cannot read the offsets of group " + group + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }

    private static long processed(String metrics) {
        return Math.round(PrometheusText.parse(metrics).value(READINGS_METRIC, Map.of()));
    }

    /** The readings counter summed by its {@code outcome} label (accepted, duplicate, rejected) over the reasons. */
    static Map<String, Double> outcomes(String metrics) {
        Map<String, Double> byOutcome = new TreeMap<>();
        for (PrometheusText.Sample sample : PrometheusText.parse(metrics).samples()) {
            if (sample.name().equals(READINGS_METRIC)) {
                byOutcome.merge(sample.labels().getOrDefault("outcome", "?"), sample.value(), Double::sum);
            }
        }
        return byOutcome;
    }

    static void say(String format, Object... args) {
        System.out.println("[telemetry-bench] " + String.format(Locale.ROOT, format, args));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }

    /** What the run started, closed in reverse order once, by the run's end or by the shutdown hook. */
    private static final class Resources {

        private final Deque<AutoCloseable> open = new ArrayDeque<>();

        synchronized <T extends AutoCloseable> T add(T resource) {
            open.push(resource);
            return resource;
        }

        synchronized void close() {
            while (!open.isEmpty()) {
                AutoCloseable resource = open.pop();
                try {
                    resource.close();
                } catch (Exception e) {
                    System.err.println("telemetry-bench: stopping " + resource.getClass().getSimpleName() + ": " + e);
                }
            }
        }
    }
}

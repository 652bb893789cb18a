package dev.cascade.loadtests.orders;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.cascade.contracts.CascadeJson;
import dev.cascade.contracts.EventTypes;
import dev.cascade.e2e.CascadeClient;
import dev.cascade.e2e.LocalCascade;
import dev.cascade.localinfra.LocalKafkaProcess;
import dev.cascade.e2e.Orders;

/**
 * Places orders at a fixed rate into all of Cascade on devmesh and measures, per order, the time from its
 * {@code POST /orders} to the {@code order.confirmed} event reaching a Trigger of the bench's own. Open loop: each
 * order's clock starts at its scheduled send time, so a stalled system cannot hide its stall by sending less.
 * The baseline, measured in the same run, is the {@code POST /orders} answer alone.
 *
 * <pre>
 * --rate N        orders per second (default 100)
 * --seconds N     measured seconds (default 60)
 * --warmup N      seconds at the same rate before measuring, not counted (default 20)
 * --broker CLASS  MTChannelBasedBroker (default) or Kafka
 * --state DIR     devmesh's PostgreSQL, Kafka and logs (default target/order-bench, emptied first)
 * --inject K=V    an environment variable for every service, e.g. CASCADE_SAGA_MAX_OPEN=50 (order-service's
 *                 admission limit)
 * --service-jvm S JVM options of every service instance (default: LocalCascade's, "-Xmx192m -XX:+UseSerialGC -XX:TieredStopAtLevel=1")
 * --postgres-setting NAME=VALUE
 *                 a server setting of devmesh's PostgreSQL for this run (ALTER SYSTEM, then a reload), e.g.
 *                 autovacuum=off to see what the autovacuum daemon costs the tail; repeatable as NAME=VALUE,NAME=VALUE
 * --skus N        how many SKUs the orders spread over, round robin, one line each (default 1: every order reserves the
 *                 same stock row, the hardest case for the inventory step)
 * --kafka MODE    process (default): Kafka in a JVM of its own, its address given to devmesh, as a cluster runs it
 *                 apart; embedded: devmesh's embedded broker inside devmesh's JVM (LocalCascade's own choice)
 * </pre>
 */
public final class OrderBench {

    private static final ObjectMapper JSON = CascadeJson.newObjectMapper();
    private static final String SKU = "SKU-BENCH-WIDGET";

    private final int rate;
    private final int seconds;
    private final int warmup;
    private final String brokerClass;
    private final Path state;
    private final String serviceJvm;
    private final String inject;
    private final String kafkaMode;
    private final int skus;
    private final String postgresSettings;

    /** orderId → nanoTime its order was due; orderId → nanoTime its outcome arrived. */
    private final Map<String, Long> due = new ConcurrentHashMap<>();
    private final Map<String, Long> settled = new ConcurrentHashMap<>();
    private final Map<String, String> outcome = new ConcurrentHashMap<>();
    private final List<Long> postLatencies = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger rejected = new AtomicInteger();
    /** Outcomes of any order (warm-up ones included) that arrived while the measured orders were being placed. */
    private final AtomicInteger outcomesInWindow = new AtomicInteger();
    private volatile boolean inWindow;
    /** POSTs sent and not yet answered. */
    private final AtomicInteger pending = new AtomicInteger();

    private OrderBench(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        rate = Integer.parseInt(options.getOrDefault("rate", "100"));
        seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        warmup = Integer.parseInt(options.getOrDefault("warmup", "20"));
        brokerClass = options.getOrDefault("broker", "MTChannelBasedBroker");
        state = Path.of(options.getOrDefault("state", "target/order-bench"));
        serviceJvm = options.get("service-jvm");
        inject = options.get("inject");
        kafkaMode = options.getOrDefault("kafka", "process");
        postgresSettings = options.get("postgres-setting");
        skus = Integer.parseInt(options.getOrDefault("skus", "1"));
        if (skus < 1) {
            throw new IllegalArgumentException("--skus is at least 1, not " + skus);
        }
        if (!kafkaMode.equals("process") && !kafkaMode.equals("embedded")) {
            throw new IllegalArgumentException("--kafka is process or embedded, not " + kafkaMode);
        }
    }

    /** The bench's SKU number {@code k}; the first is the one a single-SKU run uses. */
    private static String sku(int k) {
        return k == 0 ? SKU : SKU + "-" + k;
    }

    public static void main(String[] args) throws Exception {
        new OrderBench(args).run();
    }

    private void run() throws Exception {
        HttpServer sink = startSink();
        Path overlay = Files.createTempDirectory("order-bench-manifests");
        Files.writeString(overlay.resolve("900-bench-outcomes.yaml"), outcomeTriggers(sink.getAddress().getPort()));
        LocalCascade.Options options = LocalCascade.Options.of(Path.of("").toAbsolutePath(), state)
                .withBrokerClass(brokerClass)
                .withManifests(overlay);
        if (serviceJvm != null) {
            options = options.with("devmesh.serving.java-options", serviceJvm);
        }
        if (inject != null) {
            int equals = inject.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("--inject wants NAME=VALUE, got " + inject);
            }
            options = options.with("devmesh.serving.inject." + inject.substring(0, equals), inject.substring(equals + 1));
        }
        LocalKafkaProcess kafka = null;
        if (kafkaMode.equals("process")) {
            Files.createDirectories(state.toAbsolutePath().getParent());
            kafka = LocalKafkaProcess.start(List.of("-Xmx512m", "-XX:+UseSerialGC"),
                    state.toAbsolutePath().resolveSibling("order-bench-kafka.log"));
            options = options.with("devmesh.kafka.bootstrap-servers", kafka.bootstrapServers());
        }
        System.out.printf("order-bench: %d orders/s, %d s warm-up + %d s measured, broker %s, services' JVM: %s%s, "
                + "Kafka %s%n", rate, warmup, seconds, brokerClass, serviceJvm == null ? "default" : serviceJvm,
                inject == null ? "" : ", services' environment: " + inject,
                kafka == null ? "inside devmesh's JVM" : "in a JVM of its own at " + kafka.bootstrapServers());
        try (LocalKafkaProcess ownKafka = kafka; LocalCascade cascade = LocalCascade.start(options)) {
            CascadeClient api = cascade.client();
            if (postgresSettings != null) {
                applyPostgresSettings(api.infrastructure().path("postgresJdbcUrl").asText(), postgresSettings);
            }
            for (int k = 0; k < skus; k++) {
                api.setStock(sku(k), 100_000_000);
            }
            URI orders = api.serviceUrl("order-service").resolve("/orders");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(4, OrderBench::daemon)).build();

            // The warm-up's last seconds are watched: a window entered with the machine saturated starts behind.
            int lastOfWarmup = Math.min(30, warmup);
            place(http, orders, warmup - lastOfWarmup, false);
            MachineLoad endOfWarmup = MachineLoad.start();
            place(http, orders, lastOfWarmup, false);
            double busyEndOfWarmup = endOfWarmup == null ? Double.NaN : endOfWarmup.busyPercent();
            due.clear();
            settled.clear();
            outcome.clear();
            postLatencies.clear();
            long measuredFrom = System.nanoTime();
            CpuAccount cpu = CpuAccount.start();
            MachineLoad windowLoad = MachineLoad.start();
            OutboxWaitAccount outboxWait = OutboxWaitAccount.start(http, api.serviceUrl("order-service"));
            java.time.Instant windowStart = java.time.Instant.now();
            inWindow = true;
            int placed = place(http, orders, seconds, true);
            inWindow = false;
            String cpuReport = cpu.report((System.nanoTime() - measuredFrom) / 1e9, outcomesInWindow.get(), "outcome");
            double busyInWindow = windowLoad == null ? Double.NaN : windowLoad.busyPercent();
            String outboxReport = outboxWait.report();
            long waitUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((pending.get() > 0 || !settled.keySet().containsAll(due.keySet())) && System.nanoTime() < waitUntil) {
                Thread.sleep(100);
            }
            java.time.Instant windowEnd = java.time.Instant.now();
            report(placed, (System.nanoTime() - measuredFrom) / 1e9);
            System.out.println(slowSeconds(measuredFrom));
            System.out.println("CPU while the measured orders were placed (per outcome reaching the bench in that time):");
            System.out.println(cpuReport);
            System.out.printf(Locale.ROOT, "The machine's CPUs were %.0f %% busy in the warm-up's last %d s and %.0f %% busy "
                    + "while the measured orders were placed.%n%n", busyEndOfWarmup, lastOfWarmup, busyInWindow);
            System.out.println(outboxReport);
            System.out.println("Broker deliveries that finished from the first measured order to the end of the wait:");
            System.out.println(DeliveryAccount.report(JSON, http, cascade.devmesh(), windowStart, windowEnd));
        } finally {
            sink.stop(0);
        }
    }

    private static void applyPostgresSettings(String jdbcUrl, String settings) throws java.sql.SQLException {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(jdbcUrl,
                dev.cascade.localinfra.LocalPostgres.USERNAME, dev.cascade.localinfra.LocalPostgres.PASSWORD);
                java.sql.Statement statement = connection.createStatement()) {
            for (String setting : settings.split(",")) {
                int equals = setting.indexOf('=');
                String name = setting.substring(0, Math.max(0, equals)).strip();
                if (equals < 1 || !name.matches("[a-z_]+")) {
                    throw new IllegalArgumentException("--postgres-setting wants NAME=VALUE, got " + setting);
                }
                String value = setting.substring(equals + 1).strip().replace("'", "''");
                statement.execute("alter system set " + name + " = '" + value + "'");
            }
            statement.execute("select pg_reload_conf()");
        }
        System.out.println("devmesh's PostgreSQL for this run: " + settings);
    }

    /** Sends {@code rate} orders per second for {@code duration} seconds; returns how many were sent. */
    private int place(HttpClient http, URI orders, int duration, boolean measured) throws InterruptedException {
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        int total = rate * duration;
        for (int i = 0; i < total; i++) {
            long dueAt = start + i * interval;
            long wait = dueAt - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String requestId = "bench-" + UUID.randomUUID();
            JsonNode order = Orders.order("bench-customer-" + (i % 500), sku(i % skus), 1, "9.90", Orders.GOOD_CARD, "DE");
            HttpRequest request = HttpRequest.newBuilder(orders)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", requestId)
                    .POST(HttpRequest.BodyPublishers.ofString(order.toString()))
                    .build();
            pending.incrementAndGet();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                pending.decrementAndGet();
                if (failure != null || response.statusCode() != 202) {
                    if (measured) {
                        rejected.incrementAndGet();
                    }
                    return;
                }
                if (measured) {
                    postLatencies.add(System.nanoTime() - dueAt);
                    // The outcome may even arrive first: both maps are only joined in the report.
                    due.put(readOrderId(response.body()), dueAt);
                }
            });
        }
        return total;
    }

    private HttpServer startSink() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(2, OrderBench::daemon));
        server.createContext("/", exchange -> {
            long now = System.nanoTime();
            String type = exchange.getRequestHeaders().getFirst("ce-type");
            try (InputStream body = exchange.getRequestBody()) {
                JsonNode data = JSON.readTree(body);
                String orderId = data.path("orderId").asText();
                if (inWindow) {
                    outcomesInWindow.incrementAndGet();
                }
                if (settled.putIfAbsent(orderId, now) == null) {
                    outcome.put(orderId, EventTypes.ORDER_CONFIRMED_V1.equals(type) ? "confirmed" : "cancelled");
                }
            } catch (IOException e) {
                // not an order outcome; acknowledged all the same
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** Threads that do not keep the bench's JVM alive once the report is written. */
    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "order-bench");
        thread.setDaemon(true);
        return thread;
    }

    private static String outcomeTriggers(int sinkPort) {
        StringBuilder yaml = new StringBuilder();
        for (String type : List.of(EventTypes.ORDER_CONFIRMED_V1, EventTypes.ORDER_CANCELLED_V1)) {
            String name = "bench-" + (type.equals(EventTypes.ORDER_CONFIRMED_V1) ? "confirmed" : "cancelled");
            yaml.append("""
                    apiVersion: eventing.knative.dev/v1
                    kind: Trigger
                    metadata:
                      name: %s
                      namespace: %s
                    spec:
                      broker: %s
                      filter:
                        attributes:
                          type: %s
                      subscriber:
                        uri: http://127.0.0.1:%d/
                    ---
                    """.formatted(name, LocalCascade.NAMESPACE, LocalCascade.BROKER, type, sinkPort));
        }
        return yaml.toString();
    }

    private void report(int placed, double elapsedSeconds) {
        List<Long> latencies = new ArrayList<>();
        int confirmed = 0;
        int cancelled = 0;
        for (Map.Entry<String, Long> entry : due.entrySet()) {
            Long at = settled.get(entry.getKey());
            if (at == null) {
                continue;
            }
            if ("confirmed".equals(outcome.get(entry.getKey()))) {
                confirmed++;
                latencies.add(at - entry.getValue());
            } else {
                cancelled++;
            }
        }
        long[] flow = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] post;
        synchronized (postLatencies) {
            post = postLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        int unsettled = due.size() - confirmed - cancelled;
        StringBuilder out = new StringBuilder();
        out.append("\n## Order flow, ").append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append("\n\n");
        out.append(String.format(Locale.ROOT, "- %d orders placed at %d/s over %.1f s, one line each of %s, broker %s: "
                + "%d confirmed, %d cancelled, %d not settled, %d not accepted%n", placed, rate, elapsedSeconds,
                skus == 1 ? "one SKU" : skus + " SKUs in turn", brokerClass, confirmed, cancelled, unsettled, rejected.get()));
        out.append(String.format(Locale.ROOT, "- outcomes (order.confirmed or .cancelled of any order) reaching the "
                + "bench while it placed: %.1f/s, the rate the system kept up with%n", outcomesInWindow.get() / (double) seconds));
        out.append("\n| | p50 | p90 | p99 | max |\n|---|--:|--:|--:|--:|\n");
        out.append(row("POST /orders answered (baseline)", post));
        out.append(row("placed → confirmed", flow));
        if (post.length > 0 && flow.length > 0) {
            out.append(String.format(Locale.ROOT, "%nplaced → confirmed p99 = %.1f× the POST /orders p99; goal p99 ≤ 250 ms: %s%n",
                    (double) percentile(flow, 99) / percentile(post, 99),
                    percentile(flow, 99) <= 250_000_000L && unsettled == 0 ? "met" : "NOT met"));
        }
        System.out.println(out);
    }

    /**
     * Whether the slow orders come spread out or in bursts: per second of placing, how many orders took over 250 ms,
     * for the seconds with the most of them. A burst points at a stall (a pause, a lock, a flush), a spread at
     * queueing.
     */
    private String slowSeconds(long measuredFrom) {
        int[] slow = new int[seconds + 1];
        long[] worst = new long[seconds + 1];
        int total = 0;
        for (Map.Entry<String, Long> entry : due.entrySet()) {
            Long at = settled.get(entry.getKey());
            if (at == null || !"confirmed".equals(outcome.get(entry.getKey()))) {
                continue;
            }
            int second = (int) Math.min(seconds, Math.max(0, (entry.getValue() - measuredFrom) / 1_000_000_000L));
            long latency = at - entry.getValue();
            worst[second] = Math.max(worst[second], latency);
            if (latency > 250_000_000L) {
                slow[second]++;
                total++;
            }
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Orders over 250 ms: %d, placed in these seconds of the measured window (second: count, slowest):", total));
        java.util.stream.IntStream.rangeClosed(0, seconds).boxed()
                .filter(second -> slow[second] > 0)
                .sorted((a, b) -> Integer.compare(slow[b], slow[a]))
                .limit(12)
                .sorted()
                .forEach(second -> out.append(String.format(Locale.ROOT, " %d: %d, %.0f ms;", second, slow[second],
                        worst[second] / 1e6)));
        return out.append('\n').toString();
    }

    private static String row(String label, long[] sorted) {
        if (sorted.length == 0) {
            return "| " + label + " | – | – | – | – |\n";
        }
        return String.format(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n", label,
                percentile(sorted, 50) / 1e6, percentile(sorted, 90) / 1e6, percentile(sorted, 99) / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String readOrderId(String body) {
        try {
            return JSON.readTree(body).path("orderId").asText();
        } catch (IOException e) {
            return "";
        }
    }
}

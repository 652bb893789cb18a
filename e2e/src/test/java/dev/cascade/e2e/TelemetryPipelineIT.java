package dev.cascade.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.contracts.Services;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.observability.PrometheusText;
import dev.cascade.loadtests.devices.DeviceSimulation;
import dev.cascade.loadtests.devices.DeviceSimulator;
import dev.cascade.loadtests.devices.Injected;
import dev.cascade.loadtests.devices.InvalidKind;
import dev.cascade.loadtests.devices.RecordFormat;
import dev.cascade.loadtests.devices.SimulatedRecord;
import dev.cascade.loadtests.devices.SimulationPlan;

/**
 * The telemetry pipeline on devmesh with the real manifests, Kafka and PostgreSQL: 100,000 readings of 50 devices,
 * with injected anomalies and invalid readings, written into the raw topic as the device simulator writes them, and
 * telemetry-service killed while it works through them. Every result is checked against what this test computes
 * from the simulation itself: the stored windows, the rejections with their reasons, one anomaly and one alert per
 * injected anomaly and nothing else.
 */
class TelemetryPipelineIT {

    /**
     * 50 devices × 3 sensors reading every 5 s of event time: 100,000 records cover 55 minutes, so the detector's
     * baseline (10 windows) is warm long before the anomalies, which the simulator places from minute 11 on. The
     * records carry their event time as Kafka timestamp, as the simulator writes them: it starts two hours ago, well
     * within the topic's retention (a start months back would have Kafka delete the records as soon as it checks).
     */
    static final SimulationPlan PLAN = new SimulationPlan(50, 100_000, 5,
            Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2)), 20_261_124L, 0.02, 12,
            RecordFormat.STRUCTURED);
    static final Duration ALLOWED_LATENESS = Duration.ofSeconds(30);
    static final Duration SETTLED = Duration.ofMinutes(8);
    static final ObjectMapper JSON = new ObjectMapper();

    static LocalCascade cascade;
    static CascadeClient api;

    @BeforeAll
    static void start() {
        cascade = LocalCascade.start(LocalCascade.Options.of(OrderFlowIT.repository(), Path.of("target/e2e/telemetry")));
        api = cascade.client();
    }

    @AfterAll
    static void stop() {
        if (cascade != null) {
            cascade.close();
        }
    }

    @Test
    void everyWindowRejectionAndAnomalyIsExactlyWhatTheReadingsMakeThroughARestartOfTelemetryService()
            throws Exception {
        DeviceSimulation simulation = new DeviceSimulation(PLAN);
        Injected injected = simulation.injected();
        assertThat(injected.anomalies()).hasSize(12);
        assertThat(injected.invalid().values()).allSatisfy(count -> assertThat(count).isPositive());
        String bootstrap = api.infrastructure().path("kafkaBootstrapServers").asText();
        assertThat(bootstrap).isNotBlank();
        // telemetry-service has min-scale 1: devmesh starts it with the manifests, it needs no request to wake.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.serviceState(Services.TELEMETRY_SERVICE).path("readyInstances").asInt() == 1);
        List<Long> before = api.pidsOf(Services.TELEMETRY_SERVICE);

        produce(bootstrap, simulation);
        // Mid-stream: a third of the readings processed, the rest still on the topic, batches in flight.
        double[] seen = {0};
        await().atMost(SETTLED).pollInterval(Duration.ofMillis(100)).until(() -> (seen[0] = processed()) >= 33_000);
        for (long pid : before) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // kill -9
        }
        assertThat(seen[0]).as("readings processed just before the kill").isLessThan(PLAN.count());

        Expectations expected = Expectations.of(simulation);
        await().atMost(SETTLED).pollInterval(Duration.ofSeconds(2))
                .until(() -> storedReadings() == expected.validReadings());
        assertThat(api.pidsOf(Services.TELEMETRY_SERVICE)).isNotEmpty().doesNotContainAnyElementsOf(before);
        // The new instance took over from the last committed offset: the rest, and perhaps again some of what the
        // killed one had stored but not yet committed (its duplicates change nothing, which the checks below prove).
        assertThat(processed()).as("readings the new instance processed").isPositive();

        assertWindows(expected);
        assertRejections(bootstrap, expected);
        assertAnomaliesAndAlerts(injected, expected);
    }

    // --- the input ------------------------------------------------------------------------------------------

    /** Writes every record as the device simulator does (its own send), unpaced, and checks Kafka took them all. */
    private static void produce(String bootstrap, DeviceSimulation simulation) throws Exception {
        DeviceSimulator.Sent sent = DeviceSimulator.send(simulation, bootstrap, 0);
        assertThat(sent.failed()).as("records Kafka refused; the first: %s", sent.firstError()).isZero();
        assertThat(sent.acknowledged()).isEqualTo(PLAN.count());
    }

    // --- what came out ----------------------------------------------------------------------------------------

    /** Readings the running instance counted (any outcome); it starts from zero after a restart. */
    private static double processed() {
        return PrometheusText.parse(api.metrics(api.serviceUrl(Services.TELEMETRY_SERVICE)))
                .value("cascade_telemetry_readings_total", Map.of());
    }

    /** Readings stored in windows, over every device: the sum of the windows' counts. */
    private static long storedReadings() {
        long stored = 0;
        for (int d = 1; d <= PLAN.devices(); d++) {
            for (JsonNode window : api.windows(device(d))) {
                stored += window.path("count").asLong();
            }
        }
        return stored;
    }

    private static void assertWindows(Expectations expected) {
        Instant watermark = expected.lastEventTime().minus(ALLOWED_LATENESS);
        for (int d = 1; d <= PLAN.devices(); d++) {
            String deviceId = device(d);
            Map<String, JsonNode> stored = new TreeMap<>();
            for (JsonNode window : api.windows(deviceId)) {
                stored.put(window.path("sensorType").asText() + "@" + Instant.parse(window.path("windowStart").asText()),
                        window);
            }
            Map<String, Window> wanted = expected.windowsOf(deviceId);
            assertThat(stored.keySet()).as("windows of %s", deviceId).isEqualTo(wanted.keySet());
            wanted.forEach((key, window) -> {
                JsonNode got = stored.get(key);
                assertThat(got.path("count").asLong()).as("count of %s %s", deviceId, key).isEqualTo(window.count());
                assertThat(got.path("min").asDouble()).as("min of %s %s", deviceId, key).isCloseTo(window.min(), within(1e-9));
                assertThat(got.path("max").asDouble()).as("max of %s %s", deviceId, key).isCloseTo(window.max(), within(1e-9));
                assertThat(got.path("mean").asDouble()).as("mean of %s %s", deviceId, key).isCloseTo(window.mean(), within(1e-9));
                assertThat(got.path("p95").asDouble()).as("p95 of %s %s", deviceId, key).isCloseTo(window.p95(), within(1e-9));
                boolean closed = !Instant.parse(got.path("windowEnd").asText()).isAfter(watermark);
                assertThat(got.path("closedAt").isNull()).as("%s %s open", deviceId, key).isEqualTo(!closed);
            });
        }
    }

    /**
     * Every invalid record is on the rejected topic with its reason and its content, and nothing else is. A batch
     * that was in flight when the service was killed is rejected again under the same ids: repeats are dropped by id.
     */
    private static void assertRejections(String bootstrap, Expectations expected) {
        Map<String, JsonNode> byId = new HashMap<>();
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "telemetry-pipeline-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Topics.TELEMETRY_READINGS_REJECTED));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (byId.size() < expected.rejections().size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = read(record.value());
                    JsonNode previous = byId.putIfAbsent(event.path("id").asText(), event);
                    if (previous != null) {
                        assertThat(event.path("data").path("reading")).as("a repeated rejection")
                                .isEqualTo(previous.path("data").path("reading"));
                    }
                }
            }
            // Anything more would arrive with what was already written: one more look.
            consumer.poll(Duration.ofSeconds(2)).forEach(record -> byId.putIfAbsent(read(record.value()).path("id").asText(),
                    read(record.value())));
        }
        List<Rejection> got = byId.values().stream()
                .map(event -> new Rejection(event.path("data").path("reason").asText(), event.path("data").path("reading")))
                .toList();
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected.rejections());
    }

    /** One anomaly per injected anomalous minute and none elsewhere, and one operator alert for each. */
    private static void assertAnomaliesAndAlerts(Injected injected, Expectations expected) {
        Set<String> wanted = new HashSet<>();
        for (Injected.Anomaly anomaly : injected.anomalies()) {
            wanted.add(anomaly.deviceId() + "/" + anomaly.sensorType() + "@" + anomaly.windowStart());
        }
        // Every closed window reaches the detector through the broker, and every anomaly the notifications.
        await().atMost(SETTLED).pollInterval(Duration.ofSeconds(2)).until(() -> {
            PrometheusText devmesh = PrometheusText.parse(api.metrics(cascade.devmesh()));
            return delivered(devmesh, "anomaly-window-closed") >= expected.closedWindows()
                    && api.anomalyAlerts().size() >= wanted.size();
        });
        Set<String> found = new HashSet<>();
        Set<String> anomalyIds = new HashSet<>();
        for (int d = 1; d <= PLAN.devices(); d++) {
            for (JsonNode anomaly : api.anomalies(device(d))) {
                String key = anomaly.path("deviceId").asText() + "/" + anomaly.path("sensorType").asText() + "@"
                        + Instant.parse(anomaly.path("windowStart").asText());
                assertThat(found.add(key)).as("one anomaly for %s", key).isTrue();
                anomalyIds.add(anomaly.path("anomalyId").asText());
            }
        }
        assertThat(found).isEqualTo(wanted);

        JsonNode alerts = api.anomalyAlerts();
        List<String> alerted = new ArrayList<>();
        alerts.forEach(alert -> alerted.add(alert.path("anomalyId").asText()));
        assertThat(alerted).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(anomalyIds);
    }

    private static double delivered(PrometheusText metrics, String trigger) {
        return metrics.samples().stream()
                .filter(sample -> sample.name().equals("devmesh_deliveries_total"))
                .filter(sample -> sample.labels().getOrDefault("trigger", "").endsWith(trigger))
                .filter(sample -> "delivered".equals(sample.labels().get("outcome")))
                .mapToDouble(PrometheusText.Sample::value)
                .sum();
    }

    // --- what should come out, computed here from the simulation ------------------------------------------------

    record Window(long count, double min, double max, double mean, double p95) {
    }

    record Rejection(String reason, JsonNode reading) {
    }

    /** The expected results, computed without any of the services' code. */
    record Expectations(Map<String, Map<String, List<Double>>> values, List<Rejection> rejections,
            long validReadings, Instant lastEventTime, long closedWindows) {

        static Expectations of(DeviceSimulation simulation) {
            Map<String, Map<String, List<Double>>> values = new TreeMap<>();
            List<Rejection> rejections = new ArrayList<>();
            long valid = 0;
            Instant last = Instant.MIN;
            for (Iterator<SimulatedRecord> records = simulation.records(); records.hasNext();) {
                SimulatedRecord record = records.next();
                last = record.timestamp().isAfter(last) ? record.timestamp() : last;
                if (record.valid()) {
                    valid++;
                    // Canonical units already (celsius, percent, hPa) and the seeded devices are uncalibrated.
                    Instant minute = Instant.ofEpochSecond(Math.floorDiv(record.timestamp().getEpochSecond(), 60L) * 60L);
                    values.computeIfAbsent(record.reading().deviceId(), d -> new TreeMap<>())
                            .computeIfAbsent(record.reading().sensorType() + "@" + minute, w -> new ArrayList<>())
                            .add(record.reading().value());
                } else {
                    rejections.add(rejectionOf(record));
                }
            }
            Instant watermark = last.minus(ALLOWED_LATENESS);
            long closed = values.values().stream().flatMap(windows -> windows.keySet().stream())
                    .filter(key -> !Instant.parse(key.substring(key.indexOf('@') + 1)).plusSeconds(60).isAfter(watermark))
                    .count();
            return new Expectations(values, rejections, valid, last, closed);
        }

        Map<String, Window> windowsOf(String deviceId) {
            Map<String, Window> windows = new TreeMap<>();
            values.getOrDefault(deviceId, Map.of()).forEach((key, readings) -> {
                List<Double> sorted = readings.stream().sorted().toList();
                int n = sorted.size();
                double sum = 0;
                for (double value : sorted) {
                    sum += value;
                }
                // nearest rank: the value at rank ceil(0.95 n)
                double p95 = sorted.get((int) Math.ceil(0.95 * n) - 1);
                windows.put(key, new Window(n, sorted.get(0), sorted.get(n - 1), sum / n, p95));
            });
            return windows;
        }

        /** The reason the service gives each kind, and what it reports as the reading: the data, or the raw text. */
        private static Rejection rejectionOf(SimulatedRecord record) {
            String reason = switch (record.invalid()) {
                case OUT_OF_RANGE -> "OUT_OF_PHYSICAL_RANGE";
                case UNKNOWN_DEVICE -> "UNKNOWN_DEVICE";
                case MISSING_FIELD -> "SCHEMA_VIOLATION";
                case MALFORMED_JSON -> "MALFORMED";
            };
            JsonNode reading = record.invalid() == InvalidKind.MALFORMED_JSON
                    ? JSON.getNodeFactory().textNode(record.value())
                    : read(record.value()).path("data");
            return new Rejection(reason, reading);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    private static String device(int number) {
        return "dev-%04d".formatted(number);
    }
}

package dev.cascade.loadtests.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.contracts.CascadeJson;
import dev.cascade.contracts.Topics;
import dev.cascade.localinfra.LocalKafka;

class DeviceSimulatorKafkaTest {

    @Test
    void recordsKafkaRefusesAreCountedNotReportedAsSent() throws Exception {
        // Kafka refuses record timestamps more than an hour ahead (log.message.timestamp.after.max.ms).
        Instant tomorrow = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plus(java.time.Duration.ofDays(1));
        DeviceSimulation future = new DeviceSimulation(new SimulationPlan(2, 60, 10, tomorrow, 5, 0, 0,
                RecordFormat.STRUCTURED));
        try (LocalKafka kafka = LocalKafka.start()) {
            DeviceSimulator.Sent sent = DeviceSimulator.send(future, kafka.bootstrapServers(), 0);

            assertThat(sent.acknowledged()).isZero();
            assertThat(sent.failed()).isEqualTo(60);
            assertThat(sent.firstError()).hasMessageContaining("timestamp");
        }
    }

    @Test
    void byDefaultTheLastReadingFallsInThisMinute() {
        Instant now = Instant.parse("2026-11-24T03:47:31Z");
        Instant start = DeviceSimulator.endingNow(now, 50, 100_000, 10);
        DeviceSimulation simulation = new DeviceSimulation(new SimulationPlan(50, 100_000, 10, start, 1, 0, 0,
                RecordFormat.STRUCTURED));

        assertThat(start).isEqualTo(Instant.parse("2026-11-24T01:56:00Z"));
        assertThat(simulation.injected().lastReading()).isBetween(Instant.parse("2026-11-24T03:47:00Z"), now);
    }

    @Test
    void theCommandWritesExactlyTheSimulatedRecordsAndReportsThem(@TempDir Path dir) throws Exception {
        String[] args = {"--devices", "3", "--count", "900", "--rate", "0", "--seed", "5", "--anomalies", "2",
                "--invalid-share", "0.1", "--start", "2026-03-14T10:00:00Z", "--format", "binary"};
        DeviceSimulation expected = new DeviceSimulation(new SimulationPlan(3, 900, 10,
                Instant.parse("2026-03-14T10:00:00Z"), 5, 0.1, 2, RecordFormat.BINARY));
        Path report = dir.resolve("report.json");

        try (LocalKafka kafka = LocalKafka.start()) {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers(), "--report", report.toString()));
            DeviceSimulator.main(all.toArray(String[]::new));

            // Kafka keeps the order within a key (one partition per key), not across keys.
            Map<String, List<String>> received = new LinkedHashMap<>();
            for (ConsumerRecord<String, String> record : consume(kafka.bootstrapServers(), 900)) {
                received.computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(record.timestamp() + " " + headers(record) + " " + record.value());
            }
            Map<String, List<String>> sent = new LinkedHashMap<>();
            for (Iterator<SimulatedRecord> it = expected.records(); it.hasNext();) {
                SimulatedRecord record = it.next();
                sent.computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(record.timestamp().toEpochMilli() + " " + new LinkedHashMap<>(ordered(record)) + " "
                                + record.value());
            }
            assertThat(received).isEqualTo(sent);
        }

        JsonNode written = CascadeJson.newObjectMapper().readTree(Files.readString(report, StandardCharsets.UTF_8));
        Injected injected = expected.injected();
        assertThat(written.path("records").asLong()).isEqualTo(900);
        assertThat(written.path("valid").asLong()).isEqualTo(injected.valid());
        for (InvalidKind kind : InvalidKind.values()) {
            assertThat(written.path("invalid").path(kind.name()).asLong()).isEqualTo(injected.invalid().get(kind));
        }
        assertThat(written.path("anomalies")).hasSize(2);
        assertThat(written.path("anomalies").get(0).path("deviceId").asText())
                .isEqualTo(injected.anomalies().get(0).deviceId());
        assertThat(Instant.parse(written.path("anomalies").get(0).path("windowStart").asText()))
                .isEqualTo(injected.anomalies().get(0).windowStart());
    }

    private static List<ConsumerRecord<String, String>> consume(String bootstrap, int count) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "device-simulator-test");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Topics.TELEMETRY_READINGS_RAW));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }
        assertThat(received).hasSize(count);
        return received;
    }

    private static Map<String, String> ordered(SimulatedRecord record) {
        return new java.util.TreeMap<>(record.headers());
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new java.util.TreeMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}

package dev.cascade.loadtests.devices;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.cascade.contracts.CascadeJson;
import dev.cascade.contracts.Topics;

/**
 * Writes a {@link DeviceSimulation} to Kafka topic {@value Topics#TELEMETRY_READINGS_RAW} at a fixed rate, then
 * prints what it injected and writes it as JSON. Options (all optional):
 *
 * <pre>
 * --bootstrap-servers H:P  Kafka (default 127.0.0.1:9092)
 * --devices N              simulated devices, three sensors each (default 50)
 * --rate N                 records per second sent, 0 for as fast as possible (default 1000)
 * --count N                records in all (default 100000); or --seconds S: rate × S records
 * --interval S             event-time seconds between two readings of one series (default 10)
 * --start T                event time of the first reading, a whole minute (default: so that the last reading
 *                          falls in this minute; Kafka refuses timestamps more than an hour ahead)
 * --seed N                 (default 42)
 * --invalid-share X        probability of an invalid record, 0 to 1 (default 0.02)
 * --anomalies N            anomalous minutes to inject, at most one per series (default 10)
 * --format F               structured or binary CloudEvents (default structured)
 * --report PATH            the JSON report (default load-tests/device-simulator/target/device-simulator-report.json)
 * --dry-run                generate and report, send nothing
 * </pre>
 */
public final class DeviceSimulator {

    private DeviceSimulator() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = "127.0.0.1:9092";
        int devices = 50;
        double rate = 1000;
        Long count = null;
        Long seconds = null;
        int interval = 10;
        Instant start = null;
        long seed = 42;
        double invalidShare = 0.02;
        int anomalies = 10;
        RecordFormat format = RecordFormat.STRUCTURED;
        Path report = Path.of("load-tests/device-simulator/target/device-simulator-report.json");
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--dry-run")) {
                dryRun = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--bootstrap-servers" -> bootstrap = value;
                case "--devices" -> devices = Integer.parseInt(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--count" -> count = Long.parseLong(value);
                case "--seconds" -> seconds = Long.parseLong(value);
                case "--interval" -> interval = Integer.parseInt(value);
                case "--start" -> start = Instant.parse(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--invalid-share" -> invalidShare = Double.parseDouble(value);
                case "--anomalies" -> anomalies = Integer.parseInt(value);
                case "--format" -> format = RecordFormat.valueOf(value.toUpperCase(Locale.ROOT));
                case "--report" -> report = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        long total = count != null ? count : seconds != null ? Math.round(rate * seconds) : 100_000;
        if (start == null) {
            start = endingNow(Instant.now(), devices, total, interval);
        }
        DeviceSimulation simulation = new DeviceSimulation(
                new SimulationPlan(devices, total, interval, start, seed, invalidShare, anomalies, format));

        Sent sent = new Sent(0, 0, null);
        long began = System.nanoTime();
        if (!dryRun) {
            sent = send(simulation, bootstrap, rate);
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        Injected injected = simulation.injected();

        ObjectMapper json = CascadeJson.newObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (report.getParent() != null) {
            Files.createDirectories(report.getParent());
        }
        Files.writeString(report, json.writeValueAsString(injected), StandardCharsets.UTF_8);
        System.out.println(summary(injected, sent.acknowledged(), elapsed, dryRun ? "(dry run)" : bootstrap, report));
        if (sent.failed() > 0) {
            System.err.printf("%d records were not written; the first error: %s%n", sent.failed(), sent.firstError());
            System.exit(1);
        }
    }

    /**
     * The first minute of a run whose last reading falls in the minute of {@code now}: the series read in turn, every
     * {@code interval} seconds, so {@code total} records take {@code ceil(total / series)} ticks.
     */
    static Instant endingNow(Instant now, int devices, long total, int interval) {
        long series = (long) devices * SensorProfile.values().length;
        long ticks = (total + series - 1) / series;
        long minutes = Math.max(0, (ticks - 1) * interval / 60);
        return now.truncatedTo(ChronoUnit.MINUTES).minus(minutes, ChronoUnit.MINUTES);
    }

    /** What Kafka acknowledged, what it refused, and the first refusal. */
    public record Sent(long acknowledged, long failed, Exception firstError) {
    }

    /** Writes every record of {@code simulation} to {@value Topics#TELEMETRY_READINGS_RAW}, {@code rate} per second (0: unpaced). */
    public static Sent send(DeviceSimulation simulation, String bootstrap, double rate) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        long sent = 0;
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        long began = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (Iterator<SimulatedRecord> it = simulation.records(); it.hasNext();) {
                SimulatedRecord record = it.next();
                ProducerRecord<String, String> out = record.toProducerRecord(Topics.TELEMETRY_READINGS_RAW);
                producer.send(out, (metadata, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, error);
                    }
                });
                sent++;
                if (rate > 0) {
                    long due = began + (long) (sent * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            }
            producer.flush();
        }
        // close() waited for every outstanding send, so every callback has run.
        return new Sent(acknowledged.get(), failed.get(), firstError.get());
    }

    static String summary(Injected injected, long sent, double seconds, String target, Path report) {
        StringBuilder text = new StringBuilder();
        text.append("Device simulator, seed ").append(injected.seed()).append(", ").append(injected.devices().size())
                .append(" devices -> ").append(target).append(" topic ").append(Topics.TELEMETRY_READINGS_RAW)
                .append('\n');
        text.append("records ").append(injected.records()).append(", sent ").append(sent)
                .append(String.format(Locale.ROOT, " in %.1f s", seconds)).append(", valid ").append(injected.valid())
                .append(", event time ").append(injected.firstReading()).append(" .. ").append(injected.lastReading())
                .append('\n');
        text.append("invalid:");
        injected.invalid().forEach((kind, n) -> text.append(' ').append(kind).append('=').append(n));
        text.append('\n');
        text.append("anomalies (").append(injected.anomalies().size()).append("):\n");
        for (Injected.Anomaly anomaly : injected.anomalies()) {
            text.append("  ").append(anomaly.deviceId()).append(' ').append(anomaly.sensorType()).append(' ')
                    .append(anomaly.windowStart()).append(" +").append(anomaly.jump()).append(' ')
                    .append(anomaly.unit()).append('\n');
        }
        text.append("report ").append(report.toAbsolutePath());
        return text.toString();
    }
}

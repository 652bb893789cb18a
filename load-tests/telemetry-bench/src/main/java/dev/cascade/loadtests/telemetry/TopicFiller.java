package dev.cascade.loadtests.telemetry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.cascade.loadtests.devices.DeviceSimulation;
import dev.cascade.loadtests.devices.SimulatedRecord;

/**
 * Creates the raw topic and writes a {@link DeviceSimulation} into it as fast as the producer goes, as the device
 * simulator writes it (key = device id, Kafka timestamp = the reading's event time, the CloudEvent headers), then waits
 * until every record is acknowledged and checks the topic's end offsets.
 */
final class TopicFiller {

    private TopicFiller() {
    }

    /**
     * @param records records acknowledged
     * @param bytes   keys and values written
     * @param seconds from the first send to the last acknowledgement
     */
    record Filled(long records, long bytes, double seconds) {
    }

    /**
     * The first reading's event time for {@code count} records of {@code series} series every {@code intervalSeconds}:
     * a whole minute early enough that the last reading lies over a minute in the past. Kafka 4 rejects records whose
     * timestamp is more than an hour ahead of the broker's clock ({@code message.timestamp.after.max.ms}), and the
     * simulator stamps each record with its event time.
     */
    static Instant startFor(long count, int series, int intervalSeconds, Instant now) {
        long ticks = (count + series - 1) / series;
        return now.minusSeconds(ticks * intervalSeconds).minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
    }

    static Filled fill(String bootstrapServers, String topic, int partitions, DeviceSimulation simulation) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            Filled filled = produce(bootstrapServers, topic, simulation);
            List<TopicPartition> all = java.util.stream.IntStream.range(0, partitions)
                    .mapToObj(p -> new TopicPartition(topic, p)).toList();
            ListOffsetsResult ends = admin.listOffsets(all.stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())));
            long onTopic = 0;
            for (TopicPartition partition : all) {
                onTopic += ends.partitionResult(partition).get().offset();
            }
            if (onTopic != filled.records()) {
                throw new BenchFailure("the topic holds " + onTopic + " records after " + filled.records()
                        + " were acknowledged");
            }
            return filled;
        } catch (ExecutionException e) {
            throw new BenchFailure("cannot create or read topic " + topic + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while filling the topic");
        }
    }

    private static Filled produce(String bootstrapServers, String topic, DeviceSimulation simulation) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // Throughput, not latency: larger batches, no compression (the consumers read the records as written).
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64L * 1024 * 1024));
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        long began = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (Iterator<SimulatedRecord> it = simulation.records(); it.hasNext() && failure.get() == null;) {
                SimulatedRecord record = it.next();
                ProducerRecord<String, String> out = record.toProducerRecord(topic);
                bytes += record.key().getBytes(StandardCharsets.UTF_8).length
                        + record.value().getBytes(StandardCharsets.UTF_8).length;
                producer.send(out, (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new BenchFailure("Kafka refused a reading: " + failure.get());
        }
        return new Filled(acknowledged.get(), bytes, (System.nanoTime() - began) / 1e9);
    }
}

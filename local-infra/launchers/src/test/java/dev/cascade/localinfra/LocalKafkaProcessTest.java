package dev.cascade.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaProcessTest {

    @Test
    void aBrokerInItsOwnJvmServesRecordsAndStopsWhenClosed(@TempDir Path dir) throws Exception {
        LocalKafkaProcess kafka = LocalKafkaProcess.start(List.of("-Xmx256m", "-XX:+UseSerialGC"),
                dir.resolve("logs/kafka.log"));
        ProcessHandle child;
        try {
            child = ProcessHandle.of(kafka.pid()).orElseThrow();
            assertThat(child.pid()).isNotEqualTo(ProcessHandle.current().pid());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>("process-test", "k", "across processes")).get(30, TimeUnit.SECONDS);
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "process-test",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                consumer.subscribe(List.of("process-test"));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                while (records.isEmpty() && System.nanoTime() < deadline) {
                    records = consumer.poll(Duration.ofMillis(500));
                }
                assertThat(records).extracting(record -> record.value()).containsExactly("across processes");
            }
        } finally {
            kafka.close();
        }
        assertThat(child.isAlive()).as("the broker's JVM after close").isFalse();
        assertThat(dir.resolve("logs/kafka.log")).content().contains(LocalKafkaProcess.READY);
    }
}

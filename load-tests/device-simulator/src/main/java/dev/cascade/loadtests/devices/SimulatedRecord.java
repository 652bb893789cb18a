package dev.cascade.loadtests.devices;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.cascade.contracts.telemetry.Reading;

/**
 * One Kafka record the simulator writes.
 *
 * @param key       the device id (the topic is keyed by device)
 * @param value     the record's value, UTF-8 text
 * @param headers   the record's headers, in order
 * @param timestamp the reading's event time (also the Kafka record timestamp)
 * @param invalid   what is wrong with it, or {@code null} for a valid reading
 * @param reading   the valid reading it carries, {@code null} when invalid
 * @param anomalous whether the reading lies in an injected anomalous minute
 */
public record SimulatedRecord(String key, String value, Map<String, String> headers, Instant timestamp,
        InvalidKind invalid, Reading reading, boolean anomalous) {

    public SimulatedRecord {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public boolean valid() {
        return invalid == null;
    }

    /** The record as the simulator writes it to {@code topic}: keyed by device, stamped with the event time. */
    public ProducerRecord<String, String> toProducerRecord(String topic) {
        ProducerRecord<String, String> out = new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), key, value);
        headers.forEach((name, text) -> out.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        return out;
    }
}

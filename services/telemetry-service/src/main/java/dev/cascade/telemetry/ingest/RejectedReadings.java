package dev.cascade.telemetry.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.cascade.contracts.DataSchemas;
import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.telemetry.ReadingRejected;
import dev.cascade.contracts.telemetry.RejectionReason;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Writes rejected readings to {@code cascade.telemetry.readings.rejected} as structured CloudEvents of type
 * {@link EventTypes#TELEMETRY_READING_REJECTED_V1}, keyed by device id when there is one, and waits until Kafka
 * acknowledged them all, so that the batch is acknowledged (and its offsets committed) only after its rejections are
 * durable.
 */
@ApplicationScoped
public class RejectedReadings {

    public static final String CHANNEL = "readings-rejected";
    private static final int MAX_DETAIL = 500;

    @Inject
    @Channel(CHANNEL)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<String> emitter;

    @Inject
    ObjectMapper mapper;

    /** @param eventId the rejection's CloudEvent id, {@link #eventIdFor} the raw record */
    public record Rejection(String eventId, Decoded input, RejectionReason reason, String detail) {
    }

    /**
     * The id of the rejection of the raw record at {@code topic/partition/offset}: a name-based UUID, so that a batch
     * Kafka redelivers (after a crash before its offsets were committed) writes its rejections again under the same
     * ids, and a consumer of the rejected topic can drop the repeats by id, as CloudEvents intends.
     */
    public static String eventIdFor(String topic, int partition, long offset) {
        return UUID.nameUUIDFromBytes(("rejected:" + topic + "/" + partition + "/" + offset)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    public void publish(List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        List<Uni<Void>> sends = new ArrayList<>();
        for (Rejection rejection : rejections) {
            Instant now = Instant.now();
            String detail = rejection.detail() == null ? null : ReadingDecoder.cut(rejection.detail(), MAX_DETAIL);
            ObjectNode event = mapper.createObjectNode()
                    .put("specversion", "1.0")
                    .put("id", rejection.eventId())
                    .put("source", EventSources.TELEMETRY_SERVICE)
                    .put("type", EventTypes.TELEMETRY_READING_REJECTED_V1)
                    .put("datacontenttype", "application/json")
                    .put("dataschema", DataSchemas.uriOf(EventTypes.TELEMETRY_READING_REJECTED_V1))
                    .put("time", now.toString());
            event.set("data", mapper.valueToTree(
                    new ReadingRejected(rejection.input().input(), rejection.reason(), detail, now)));
            String key = rejection.input().isValid() ? rejection.input().reading().deviceId() : null;
            Message<String> message = Message.of(json(event));
            if (key != null) {
                message = message.addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
            }
            sends.add(emitter.sendMessage(message));
        }
        Uni.join().all(sends).andFailFast().await().atMost(Duration.ofSeconds(60));
    }

    private String json(ObjectNode event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

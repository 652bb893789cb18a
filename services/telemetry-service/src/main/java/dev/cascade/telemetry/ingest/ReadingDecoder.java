package dev.cascade.telemetry.ingest;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.EventValidator;
import dev.cascade.contracts.ValidationResult;
import dev.cascade.contracts.telemetry.Reading;
import dev.cascade.contracts.telemetry.RejectionReason;

/**
 * Turns a raw Kafka record into a schema-valid {@link Reading}. The topic holds CloudEvents of type
 * {@link EventTypes#TELEMETRY_READING_V1} in either Kafka encoding: structured (the value is the JSON event with
 * {@code specversion} and {@code data}) or binary (the attributes are {@code ce_*} headers and the value is the data).
 * Anything else is {@code MALFORMED}; data that breaks the reading schema is {@code SCHEMA_VIOLATION}.
 */
@ApplicationScoped
public class ReadingDecoder {

    /** The longest raw text a rejection repeats (the ReadingRejected schema's limit). */
    static final int MAX_RAW_TEXT = 4096;

    private final ObjectMapper strict = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final EventValidator validator = EventValidator.create();

    @Inject
    ObjectMapper mapper;

    public Decoded decode(String value, Headers headers) {
        if (value == null) {
            return Decoded.invalid(TextNode.valueOf(""), RejectionReason.MALFORMED, "empty record");
        }
        JsonNode json;
        try {
            json = strict.readTree(value);
        } catch (Exception e) {
            json = null;
        }
        if (json == null || json.isMissingNode()) {
            return Decoded.invalid(TextNode.valueOf(cut(value, MAX_RAW_TEXT)), RejectionReason.MALFORMED,
                    "not JSON");
        }
        String binaryType = header(headers, "ce_type");
        JsonNode data;
        String traceparent;
        if (header(headers, "ce_specversion") != null) {
            traceparent = header(headers, "ce_traceparent");
            if (!EventTypes.TELEMETRY_READING_V1.equals(binaryType)) {
                return Decoded.invalid(json, RejectionReason.MALFORMED, "not a reading CloudEvent: ce_type "
                        + cut(String.valueOf(binaryType), 100));
            }
            data = json;
        } else if (json.isObject() && json.hasNonNull("specversion")) {
            String type = json.path("type").asText(null);
            if (!EventTypes.TELEMETRY_READING_V1.equals(type)) {
                return Decoded.invalid(json, RejectionReason.MALFORMED, "not a reading CloudEvent: type "
                        + cut(String.valueOf(type), 100));
            }
            if (!json.has("data")) {
                return Decoded.invalid(json, RejectionReason.MALFORMED, "a CloudEvent without data");
            }
            data = json.get("data");
            traceparent = json.path("traceparent").isTextual() ? json.path("traceparent").asText() : null;
        } else {
            return Decoded.invalid(json, RejectionReason.MALFORMED,
                    "not a CloudEvent (neither specversion nor a ce_specversion header)");
        }
        ValidationResult result = validator.validate(EventTypes.TELEMETRY_READING_V1, data);
        if (!result.valid()) {
            String detail = result.violations().stream().limit(3).map(Object::toString)
                    .collect(Collectors.joining("; "));
            return Decoded.invalid(data, RejectionReason.SCHEMA_VIOLATION, cut(detail, 500));
        }
        try {
            return Decoded.valid(data, mapper.treeToValue(data, Reading.class), traceparent);
        } catch (Exception e) {
            // The schema admits it but Java cannot hold it (a date-time beyond Instant's range, say).
            return Decoded.invalid(data, RejectionReason.SCHEMA_VIOLATION,
                    cut("cannot be read: " + e.getMessage(), 500));
        }
    }

    private static String header(Headers headers, String name) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}

package dev.cascade.deadletter.rest;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.deadletter.domain.KnativeError;
import dev.cascade.deadletter.domain.Payloads;
import dev.cascade.deadletter.repository.DeadLetterRecord;

/**
 * A dead letter in full. The data is shown as text when it is textual and UTF-8 ({@code dataEncoding: "text"}),
 * else as base64 ({@code dataEncoding: "base64"}); both are absent for an event without data.
 * {@code knativeerrordataText} is {@code knativeerrordata} decoded, when that is text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterDetail(
        String id,
        String eventId,
        String source,
        String type,
        String knativeerrorcode,
        String knativeerrordest,
        String knativeerrordata,
        String knativeerrordataText,
        Map<String, String> attributes,
        Map<String, String> extensions,
        String datacontenttype,
        String dataEncoding,
        String data,
        Instant receivedAt,
        Instant redrivenAt,
        int redriveCount) {

    static DeadLetterDetail of(DeadLetterRecord record) {
        Payloads.Shown data = Payloads.show(record.data, record.dataContentType);
        return new DeadLetterDetail(record.id, record.eventId, record.source, record.type, record.errorCode,
                record.errorDest, record.errorData, KnativeError.dataText(record.errorData).orElse(null),
                record.attributes, record.extensions, record.dataContentType,
                data == null ? null : data.encoding(), data == null ? null : data.value(),
                record.receivedAt, record.redrivenAt, record.redriveCount);
    }
}

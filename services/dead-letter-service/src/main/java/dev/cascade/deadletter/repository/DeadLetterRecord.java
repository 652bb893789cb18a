package dev.cascade.deadletter.repository;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.cascade.deadletter.domain.DeadLetter;

/** A stored dead letter, and how often it was redriven. */
@Entity
@Table(name = "dead_letter")
public class DeadLetterRecord {

    @Id
    public String id;

    @Column(name = "event_id")
    public String eventId;

    public String source;

    public String type;

    @Column(name = "error_dest")
    public String errorDest;

    @Column(name = "error_code")
    public String errorCode;

    @Column(name = "error_data")
    public String errorData;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> attributes;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> extensions;

    public byte[] data;

    @Column(name = "data_content_type")
    public String dataContentType;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "redriven_at")
    public Instant redrivenAt;

    @Column(name = "redrive_count")
    public int redriveCount;

    public DeadLetter toDeadLetter() {
        return new DeadLetter(id, eventId, source, type, attributes, extensions, errorDest, errorCode, errorData, data,
                dataContentType, receivedAt);
    }
}

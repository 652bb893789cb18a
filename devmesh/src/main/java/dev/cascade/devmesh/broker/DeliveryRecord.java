package dev.cascade.devmesh.broker;

import java.time.Instant;

/**
 * What happened to one event at one Trigger, as {@code GET /devmesh/deliveries} reports it.
 *
 * @param status     {@code delivered}, {@code filtered}, {@code dead-lettered} or {@code dropped}
 * @param lastCode   the last HTTP status from the subscriber (or the dead-letter sink), -1 for no response
 */
public record DeliveryRecord(
        String eventId,
        String type,
        String source,
        String broker,
        String trigger,
        int attempts,
        String status,
        int lastCode,
        long latencyMillis,
        String traceId,
        Instant finishedAt) {

    public static final String DELIVERED = "delivered";
    public static final String FILTERED = "filtered";
    public static final String DEAD_LETTERED = "dead-lettered";
    public static final String DROPPED = "dropped";
}

package dev.cascade.notification.rest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.cascade.functions.Problems;
import dev.cascade.notification.domain.NotificationKind;
import dev.cascade.notification.repository.Notification;
import dev.cascade.notification.repository.NotificationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * What was sent about an order, for support staff and the end-to-end tests, and the latest notifications of a
 * kind, such as the operator alerts ({@code ?kind=DEAD_LETTER}).
 */
@Path("/notifications")
public class NotificationResource {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final NotificationRepository notifications;

    NotificationResource(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    /**
     * With {@code orderId}: the notifications about that order, oldest first, only those of {@code kind} if given.
     * With {@code kind} alone: the newest {@code limit} notifications of that kind (at most {@value #MAX_LIMIT}),
     * newest first ({@code limit} applies to this listing only). One of the two is required: the table only grows.
     * With {@code anomalyId}: the alert about that anomaly (none or one).
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    public Uni<List<NotificationView>> list(@QueryParam("orderId") String orderId, @QueryParam("kind") String kind,
            @QueryParam("limit") String limit, @QueryParam("anomalyId") String anomalyId) {
        if (anomalyId != null && !anomalyId.isBlank()) {
            return notifications.forAnomaly(anomalyId).map(rows -> rows.stream().map(NotificationView::of).toList());
        }
        NotificationKind only = kindOf(kind);
        int size = limitOf(limit);
        Uni<List<Notification>> rows;
        if (orderId != null && !orderId.isBlank()) {
            rows = only == null ? notifications.forOrder(orderId) : notifications.forOrder(orderId, only);
        } else if (only != null) {
            rows = notifications.latest(only, size);
        } else {
            throw new BadRequestException(Problems.invalidField("orderId", "or kind or anomalyId is required"));
        }
        return rows.map(found -> found.stream().map(NotificationView::of).toList());
    }

    private static NotificationKind kindOf(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return NotificationKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(Problems.invalidField("kind",
                    "must be one of " + Arrays.toString(NotificationKind.values())));
        }
    }

    private static int limitOf(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int size = Integer.parseInt(limit.strip());
            if (size >= 1 && size <= MAX_LIMIT) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw new BadRequestException(Problems.invalidField("limit", "must be a number from 1 to " + MAX_LIMIT));
    }
}

package dev.cascade.notification.rest;

import java.util.List;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.cascade.functions.Problems;
import dev.cascade.notification.repository.NotificationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** What was sent about an order, for support staff and the end-to-end tests. */
@Path("/notifications")
public class NotificationResource {

    private final NotificationRepository notifications;

    NotificationResource(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    /** The notifications about {@code orderId}, oldest first. The order id is required: the table only grows. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    public Uni<List<NotificationView>> forOrder(@QueryParam("orderId") String orderId) {
        if (orderId == null || orderId.isBlank()) {
            throw new BadRequestException(Problems.invalidField("orderId", "is required"));
        }
        return notifications.forOrder(orderId).map(rows -> rows.stream().map(NotificationView::of).toList());
    }
}

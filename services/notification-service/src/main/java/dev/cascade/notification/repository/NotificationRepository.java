package dev.cascade.notification.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.cascade.notification.domain.NotificationKind;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, String> {

    /** The notifications about one order, oldest first. */
    public Uni<List<Notification>> forOrder(String orderId) {
        return find("orderId", Sort.by("createdAt").and("notificationId"), orderId).list();
    }

    /** The notifications of one kind about one order, oldest first. */
    public Uni<List<Notification>> forOrder(String orderId, NotificationKind kind) {
        return find("orderId = ?1 and kind = ?2", Sort.by("createdAt").and("notificationId"), orderId, kind).list();
    }

    /** The latest {@code limit} notifications of one kind, newest first. */
    public Uni<List<Notification>> latest(NotificationKind kind, int limit) {
        return find("kind", Sort.descending("createdAt", "notificationId"), kind).page(Page.ofSize(limit)).list();
    }

    /** The alert about one anomaly: none or one. */
    public Uni<List<Notification>> forAnomaly(String anomalyId) {
        return list("anomalyId", anomalyId);
    }
}

package dev.cascade.notification.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, String> {

    /** The notifications about one order, oldest first. */
    public Uni<List<Notification>> forOrder(String orderId) {
        return find("orderId", Sort.by("createdAt").and("notificationId"), orderId).list();
    }
}

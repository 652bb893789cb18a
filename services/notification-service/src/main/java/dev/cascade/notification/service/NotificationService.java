package dev.cascade.notification.service;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import dev.cascade.functions.ProcessedEvents;
import dev.cascade.functions.Reply;
import dev.cascade.notification.domain.NotificationDraft;
import dev.cascade.notification.repository.Notification;
import dev.cascade.notification.repository.NotificationRepository;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.smallrye.mutiny.Uni;

/** Records one notification per event and then sends it. */
@ApplicationScoped
public class NotificationService {

    private final ProcessedEvents processed;
    private final NotificationRepository notifications;
    private final SimulatedMailer mailer;

    NotificationService(ProcessedEvents processed, NotificationRepository notifications, SimulatedMailer mailer) {
        this.processed = processed;
        this.notifications = notifications;
        this.mailer = mailer;
    }

    /**
     * Records {@code draft} for the first delivery of {@code event} and sends it; a redelivery changes nothing, and
     * neither does a second event about an anomaly already alerted (the anomaly-detector answers a window published
     * again with the same anomaly). Nothing is replied: the answer is always {@link Reply#none()}.
     */
    public Reply notifyOnce(CloudEvent<?> event, NotificationDraft draft) {
        AtomicReference<Notification> recorded = new AtomicReference<>();
        Reply reply = processed.onceBlocking(event, () -> alreadyAlerted(draft).chain(alerted -> alerted
                ? Uni.createFrom().item(Reply.none())
                : notifications.persist(toRow(event, draft))
                        .invoke(recorded::set)
                        .replaceWith(Reply.none())));
        // Sent only once the row is committed: a rolled-back attempt must not have mailed what its retry mails again.
        if (recorded.get() != null) {
            mailer.send(recorded.get());
        }
        return reply;
    }

    private Uni<Boolean> alreadyAlerted(NotificationDraft draft) {
        if (draft.anomalyId() == null) {
            return Uni.createFrom().item(false);
        }
        return notifications.count("anomalyId", draft.anomalyId()).map(count -> count > 0);
    }

    private static Notification toRow(CloudEvent<?> event, NotificationDraft draft) {
        Notification row = new Notification();
        row.notificationId = UUID.randomUUID().toString();
        row.orderId = draft.orderId();
        row.customerId = draft.customerId();
        row.kind = draft.kind();
        row.channel = NotificationDraft.CHANNEL;
        row.recipient = draft.recipient();
        row.subject = draft.message().subject();
        row.body = draft.message().body();
        row.anomalyId = draft.anomalyId();
        row.eventSource = event.source();
        row.eventId = event.id();
        row.eventType = event.type();
        row.createdAt = Instant.now();
        if (draft.deadLetter() != null) {
            row.deadLetterId = draft.deadLetter().deadLetterId();
            row.deadEventId = draft.deadLetter().eventId();
            row.deadEventSource = draft.deadLetter().eventSource();
            row.deadEventType = draft.deadLetter().eventType();
            row.errorCode = draft.deadLetter().errorCode();
            row.errorDest = draft.deadLetter().errorDest();
        }
        return row;
    }
}

package dev.cascade.notification.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.cascade.notification.domain.EventText;
import dev.cascade.notification.domain.NotificationKind;
import dev.cascade.notification.repository.Notification;

/**
 * Cascade sends no real email: a notification is "sent" by logging it, as one line, so that a log collector
 * keeps each email as one record and no text from an event can start a line of its own.
 */
@ApplicationScoped
public class SimulatedMailer {

    private static final Logger LOG = Logger.getLogger(SimulatedMailer.class);

    public void send(Notification notification) {
        LOG.info(line(notification));
    }

    /** The log line of a notification: line breaks of the body shown as " / ", nothing unsafe left. */
    static String line(Notification notification) {
        String body = notification.body.strip().replaceAll("\\R+", " / ");
        return "Simulated %s %s to %s about %s (%s): subject \"%s\", body \"%s\"".formatted(
                EventText.clean(notification.channel), notification.notificationId,
                EventText.clean(notification.recipient), about(notification), notification.kind,
                EventText.clean(notification.subject), EventText.clean(body));
    }

    /** "order &lt;id&gt;", or for an operator alert "dead letter &lt;id&gt;" or "anomaly &lt;id&gt;". */
    private static String about(Notification notification) {
        return switch (notification.kind) {
            case DEAD_LETTER -> "dead letter " + EventText.clean(notification.deadLetterId);
            case ANOMALY_DETECTED -> "anomaly " + EventText.clean(notification.anomalyId);
            default -> "order " + EventText.clean(notification.orderId);
        };
    }
}

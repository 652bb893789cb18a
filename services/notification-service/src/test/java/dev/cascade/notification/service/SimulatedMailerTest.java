package dev.cascade.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.cascade.notification.domain.NotificationKind;
import dev.cascade.notification.repository.Notification;

class SimulatedMailerTest {

    @Test
    void aMultiParagraphMailIsLoggedAsOneLine() {
        Notification notification = new Notification();
        notification.notificationId = "n-1";
        notification.orderId = "order-1";
        notification.kind = NotificationKind.ORDER_CANCELLED;
        notification.channel = "email";
        notification.recipient = "cust-1@customers.cascade.dev";
        notification.subject = "Your order order-1 has been cancelled";
        notification.body = "Hello,\n\nfirst paragraph.\r\n\r\nsecond\u2028paragraph.\n";
        notification.createdAt = Instant.now();

        String line = SimulatedMailer.line(notification);

        assertThat(line).doesNotContainPattern("[\\p{Cc}\\p{Zl}\\p{Zp}]");
        assertThat(line).isEqualTo("Simulated email n-1 to cust-1@customers.cascade.dev about order order-1"
                + " (ORDER_CANCELLED): subject \"Your order order-1 has been cancelled\","
                + " body \"Hello, / first paragraph. / second / paragraph.\"");
    }

    @Test
    void anOperatorAlertNamesItsDeadLetterInsteadOfAnOrder() {
        Notification notification = new Notification();
        notification.notificationId = "n-2";
        notification.kind = NotificationKind.DEAD_LETTER;
        notification.channel = "email";
        notification.recipient = "operators@cascade.dev";
        notification.subject = "Dead letter dl-1: t from s was not delivered";
        notification.body = "Hello,\n\nstored.\n";
        notification.deadLetterId = "dl-1\nforged";
        notification.createdAt = Instant.now();

        assertThat(SimulatedMailer.line(notification)).isEqualTo("Simulated email n-2 to operators@cascade.dev"
                + " about dead letter dl-1 forged (DEAD_LETTER): subject \"Dead letter dl-1: t from s was not delivered\","
                + " body \"Hello, / stored.\"");
    }
}

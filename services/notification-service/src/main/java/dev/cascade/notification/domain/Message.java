package dev.cascade.notification.domain;

import java.util.Objects;

/**
 * The text of one email.
 *
 * @param subject one line
 * @param body    paragraphs separated by blank lines
 */
public record Message(String subject, String body) {

    public Message {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }
}
